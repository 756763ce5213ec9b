import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  findAnsiblePull,
  naiveDateToIso,
  parseChefClientRb,
  parseEnvFile,
  parseFlagFile,
  parseIntuneRegistration,
  parseIpaDefault,
  parsePolicyServer,
  parsePuppetConf,
  parsePuppetRunSummary,
  parseSaltMaster,
  parseSmbConf,
  parseSssdConf,
  parseUbuntuProStatus,
  parseWazuhManagers,
  parseWazuhState,
  puppetAgentCerts,
} from './parse.js';

/** fixtures/samples/management/<name>; provenance in that folder's README.md. */
const managementSample = (name: string): string => readFileSync(new URL(`../../../fixtures/samples/management/${name}`, import.meta.url), 'utf8');

describe('parsePuppetConf', () => {
  it('finds no server in the puppet.conf Debian 12 ships', () => {
    expect(parsePuppetConf(managementSample('puppet.conf-debian12-shipped')).server).toBeNull();
  });

  it('reads the server `puppet config set server` wrote', () => {
    expect(parsePuppetConf(managementSample('puppet.conf-debian12-server'))).toMatchObject({
      server: 'puppet.example.org',
      source: '[agent] server',
    });
  });

  it('prefers [agent] over [main], takes the first of server_list, and reads path settings', () => {
    const conf = parsePuppetConf('[main]\nserver = main.example\nssldir = /srv/ssl\n[agent]\nserver_list = a.example:8140, b.example\n');
    expect(conf).toMatchObject({ server: 'a.example', source: '[agent] server_list', ssldir: '/srv/ssl' });
  });
});

describe('parsePuppetRunSummary', () => {
  it('reads the last_run_summary.yaml of a real `puppet apply` on Debian 12', () => {
    expect(parsePuppetRunSummary(managementSample('last_run_summary-debian12-apply.yaml'))).toEqual({
      lastRun: '2026-11-22T07:31:53.000Z',
      runMode: 'user',
      puppetVersion: '7.23.0',
      failures: 0,
    });
  });

  it('tolerates garbage', () => {
    expect(parsePuppetRunSummary(': : [')).toEqual({ lastRun: null, runMode: null, puppetVersion: null, failures: null });
    expect(parsePuppetRunSummary('time:\n  last_run: -5\n').lastRun).toBeNull();
  });
});

describe('puppetAgentCerts', () => {
  it('ignores the CA certificate', () => {
    expect(puppetAgentCerts(['ca.pem', 'ws01.example.org.pem', 'notes.txt'])).toEqual(['ws01.example.org.pem']);
    expect(puppetAgentCerts(['ca.pem'])).toEqual([]);
  });
});

describe('parseChefClientRb', () => {
  it('reads chef_server_url as chef/chef postinst writes it', () => {
    expect(parseChefClientRb(managementSample('chef-client.rb-postinst-u'))).toEqual({
      server: 'https://chef.example.org/organizations/example',
      clientKey: null,
    });
  });

  it('ignores commented and computed values', () => {
    expect(parseChefClientRb('# chef_server_url "https://x"\nchef_server_url ENV["URL"]\nclient_key "/etc/chef/me.pem"\n')).toEqual({
      server: null,
      clientKey: '/etc/chef/me.pem',
    });
  });
});

describe('parseSaltMaster', () => {
  it('finds no master in the minion file Salt ships (only commented examples)', () => {
    expect(parseSaltMaster(managementSample('salt-minion-excerpt'))).toEqual([]);
  });

  it('reads a master name and a list of masters', () => {
    expect(parseSaltMaster(managementSample('salt-minion.d-master.conf'))).toEqual(['salt.example.org']);
    expect(parseSaltMaster('master:\n  - m1.example\n  - m2.example\n')).toEqual(['m1.example', 'm2.example']);
    expect(parseSaltMaster('master: [unclosed\n')).toEqual([]);
  });
});

describe('parseIntuneRegistration', () => {
  it('reads the three hints of the documented registration.toml', () => {
    expect(parseIntuneRegistration(managementSample('intune-registration.toml'))).toEqual({
      accountHint: '{GUID}',
      aadDeviceHint: '{GUID}',
      deviceHint: '{GUID}',
    });
  });

  it('accepts double-quoted values and a file of a user who only signed in', () => {
    expect(parseIntuneRegistration('account_hint = "3f0c"\n')).toEqual({ accountHint: '3f0c', aadDeviceHint: null, deviceHint: null });
  });
});

describe('Wazuh', () => {
  it('treats the placeholder address of the packaged agent configuration as no manager', () => {
    expect(parseWazuhManagers(managementSample('wazuh-ossec-agent.conf'))).toEqual([]);
  });

  it('reads configured managers, ignoring commented ones', () => {
    const conf = managementSample('wazuh-ossec-agent.conf').replace('<address>IP</address>', '<address>wazuh.example.org</address>');
    expect(parseWazuhManagers(conf)).toEqual(['wazuh.example.org']);
    expect(parseWazuhManagers('<!-- <client><server><address>x</address></server></client> -->')).toEqual([]);
  });

  it('reads the documented wazuh-agentd.state', () => {
    expect(parseWazuhState(managementSample('wazuh-agentd.state'))).toEqual({
      status: 'connected',
      lastKeepalive: '2019-02-05 12:18:37',
      lastAck: '2019-02-05 12:18:37',
    });
    expect(naiveDateToIso('2019-02-05 12:18:37')).toBe('2019-02-05T12:18:37.000Z');
    expect(naiveDateToIso('yesterday')).toBeNull();
  });
});

describe('Fleet, osquery and Kolide flags', () => {
  it('reads ORBIT_FLEET_URL', () => {
    expect(parseEnvFile(managementSample('orbit-default')).get('ORBIT_FLEET_URL')).toBe('https://fleet.example.org');
    expect(parseEnvFile('export A="b c"\nB=\'d\'\n# C=e\n')).toEqual(
      new Map([
        ['A', 'b c'],
        ['B', 'd'],
      ]),
    );
  });

  it('reads osquery and launcher flags in all their spellings', () => {
    expect(parseFlagFile(managementSample('osquery.flags')).get('tls_hostname')).toBe('fleet.example.org:8080');
    const launcher = parseFlagFile('hostname k2device.kolide.com\n--root_directory /var/kolide-k2\ntransport=jsonrpc\n');
    expect([launcher.get('hostname'), launcher.get('root_directory'), launcher.get('transport')]).toEqual(['k2device.kolide.com', '/var/kolide-k2', 'jsonrpc']);
  });
});

describe('parseUbuntuProStatus', () => {
  it('reads attached, the account and the contract server', () => {
    expect(parseUbuntuProStatus(managementSample('ubuntu-pro-status.json'))).toEqual({
      attached: true,
      account: 'agent@example.org',
      contractUrl: 'https://contracts.canonical.com',
    });
    expect(parseUbuntuProStatus('{').attached).toBeNull();
  });
});

describe('policy_server.dat and ansible-pull', () => {
  it('reads the policy hub', () => {
    expect(parsePolicyServer(managementSample('cfengine-policy_server.dat'))).toBe('192.0.2.10');
    expect(parsePolicyServer('\n\n')).toBeNull();
  });

  it('finds ansible-pull jobs and their repository', () => {
    expect(findAnsiblePull(managementSample('cron.d-ansible-pull'))).toEqual([
      {
        url: 'https://git.example.org/it/workstations.git',
        line: '*/30 * * * * root ansible-pull -U https://git.example.org/it/workstations.git -C main -o local.yml >> /var/log/ansible-pull.log 2>&1',
      },
    ]);
    expect(findAnsiblePull('ExecStart=/usr/bin/ansible-pull --url=git@example.org:it/ws.git\n# ansible-pull -U x\n')).toEqual([
      { url: 'git@example.org:it/ws.git', line: 'ExecStart=/usr/bin/ansible-pull --url=git@example.org:it/ws.git' },
    ]);
  });
});

describe('directory joins', () => {
  it('reads the domains of a realmd-written sssd.conf', () => {
    const conf = parseSssdConf(managementSample('sssd.conf-realmd-ad'));
    expect(conf.domains).toEqual(['ad.example.org']);
    expect(conf.providers.get('ad.example.org')).toBe('ad');
    expect(conf.realmd).toBe(true);
  });

  it('sees no AD membership in the smb.conf Debian 12 ships', () => {
    expect(parseSmbConf(managementSample('smb.conf-debian12-samba-common'))).toEqual({ security: null, realm: null, workgroup: 'WORKGROUP' });
    expect(parseSmbConf('[global]\n   security = ADS\n   realm = AD.EXAMPLE.ORG\n').security).toBe('ads');
  });

  it('reads the FreeIPA client configuration', () => {
    expect(parseIpaDefault(managementSample('ipa-default.conf'))).toEqual({
      realm: 'IPA.EXAMPLE.ORG',
      domain: 'ipa.example.org',
      server: 'ipa1.ipa.example.org',
    });
  });
});

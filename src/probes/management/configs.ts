/**
 * What each agent's own files say: is it pointed at a server, did the server accept it, and when
 * did it last check in. Reads files only (never runs anything), so it answers the same on a live
 * machine and on a filesystem at rest.
 */
import type { Host } from '../../hosts/host.js';
import { listHomes } from '../../platform/linux/homes.js';
import type { SharedContext } from '../../platform/run-shared.js';
import {
  findAnsiblePull,
  iniValue,
  naiveDateToIso,
  parseChefClientRb,
  parseEnvFile,
  parseFlagFile,
  parseIni,
  parseIntuneRegistration,
  parsePolicyServer,
  parsePuppetConf,
  parsePuppetRunSummary,
  parseSaltMaster,
  parseUbuntuProStatus,
  parseWazuhManagers,
  parseWazuhState,
  puppetAgentCerts,
} from './parse.js';

export interface ConfigFinding {
  /** Pointed at a server; null when the file that would say is unreadable. */
  configured: boolean | null;
  server: string | null;
  /** The server accepted it, where the agent writes that down; null when it does not or it cannot be read. */
  registered: boolean | null;
  lastCheckIn: string | null;
  /** Some configuration or state file of the agent exists (even without the agent installed). */
  present: boolean;
  evidence: string[];
  reasons: string[];
}

type FileRead = { kind: 'absent' } | { kind: 'unreadable' } | { kind: 'text'; text: string };

/** A file's text, or whether it is missing or there but unreadable (e.g. 0600 root as non-root). */
export const readConfigFile = async (host: Host, path: string): Promise<FileRead> => {
  const content = await host.readFile(path);
  if (content !== undefined) return { kind: 'text', text: content.toString('utf8') };
  const stat = await host.stat(path);
  return stat === undefined || stat.type === 'directory' ? { kind: 'absent' } : { kind: 'unreadable' };
};

/** Whether a path exists; null when its directory cannot be listed (so a missing answer proves nothing). */
const existsIn = async (host: Host, dir: string, name: string): Promise<boolean | null> => {
  const entries = await host.readDir(dir);
  if (entries !== undefined) return entries.includes(name);
  if ((await host.stat(`${dir}/${name}`)) !== undefined) return true;
  return (await host.stat(dir)) === undefined ? false : null;
};

const finding = (): ConfigFinding => ({
  configured: false,
  server: null,
  registered: null,
  lastCheckIn: null,
  present: false,
  evidence: [],
  reasons: [],
});

const unreadable = (f: ConfigFinding, path: string): void => {
  f.present = true;
  f.configured = null;
  f.reasons.push(`${path} exists but cannot be read (needs root)`);
};

// ---------------------------------------------------------------- Intune

const intuneFiles = ['.config/intune/registration.toml', '.local/state/intune/registration.toml'];

/** Intune's registration in every person's home: the homes as the run found them (its shared work), once for every probe. */
const readIntune = async (host: Host, context: SharedContext): Promise<ConfigFinding> => {
  const f = finding();
  let hiddenHomes = 0;
  for (const home of await listHomes(host, context)) {
    if ((await host.readDir(home.home)) === undefined) {
      hiddenHomes += 1;
      continue;
    }
    for (const rel of intuneFiles) {
      const path = `${home.home}/${rel}`;
      const file = await readConfigFile(host, path);
      if (file.kind === 'absent') continue;
      f.present = true;
      if (file.kind === 'unreadable') {
        f.reasons.push(`${path} exists but cannot be read`);
        if (f.configured === false) f.configured = null;
        continue;
      }
      const reg = parseIntuneRegistration(file.text);
      const said = [
        reg.accountHint !== null ? 'account_hint (signed in)' : null,
        reg.aadDeviceHint !== null ? 'aad_device_hint (registered with Entra ID)' : null,
        reg.deviceHint !== null ? 'device_hint (enrolled in Intune)' : null,
      ].filter((s): s is string => s !== null);
      f.evidence.push(`${path}: ${said.length > 0 ? said.join(', ') : 'no hints'}`);
      if (reg.accountHint !== null || reg.deviceHint !== null) f.configured = true;
      if (reg.deviceHint !== null) f.registered = true;
      else if (f.registered !== true) f.registered = false;
    }
  }
  if (f.configured !== true && hiddenHomes > 0) {
    f.reasons.push(`${hiddenHomes} home director${hiddenHomes === 1 ? 'y' : 'ies'} cannot be read: Intune registration unknown there`);
    f.configured = null;
  }
  if (f.configured === true) f.server = 'Microsoft Intune';
  return f;
};

// ---------------------------------------------------------------- Landscape

const readLandscape = async (host: Host): Promise<ConfigFinding> => {
  const f = finding();
  const path = '/etc/landscape/client.conf';
  const file = await readConfigFile(host, path);
  if (file.kind === 'unreadable') unreadable(f, path);
  if (file.kind === 'text') {
    f.present = true;
    const ini = parseIni(file.text);
    const url = iniValue(ini, 'client', 'url');
    const account = iniValue(ini, 'client', 'account_name');
    f.server = url;
    f.configured = url !== null && account !== null;
    f.evidence.push(
      `${path}: url=${url ?? '(none)'}, account_name=${account ?? '(none)'}, computer_title=${iniValue(ini, 'client', 'computer_title') ?? '(none)'}`,
    );
    if (!f.configured) f.reasons.push(`${path} lacks url= or account_name= in [client]`);
  }
  if ((await host.stat('/var/lib/landscape/client')) !== undefined) {
    f.present = true;
    f.evidence.push('/var/lib/landscape/client exists (broker state; its registration is not parsed)');
  }
  return f;
};

// ---------------------------------------------------------------- Ubuntu Pro

const readUbuntuPro = async (host: Host): Promise<ConfigFinding> => {
  const f = finding();
  const path = '/var/lib/ubuntu-advantage/status.json';
  const file = await readConfigFile(host, path);
  if (file.kind === 'text') {
    f.present = true;
    const status = parseUbuntuProStatus(file.text);
    f.configured = status.attached;
    f.registered = status.attached;
    f.server = status.contractUrl;
    f.evidence.push(`${path}: attached=${String(status.attached)}${status.account === null ? '' : `, account ${status.account}`}`);
  } else if (file.kind === 'unreadable') {
    unreadable(f, path);
  }
  const token = '/var/lib/ubuntu-advantage/private/machine-token.json';
  const hasToken = await existsIn(host, '/var/lib/ubuntu-advantage/private', 'machine-token.json');
  if (hasToken === true) {
    f.present = true;
    f.evidence.push(`${token} exists (attached)`);
    f.configured = true;
    f.registered = true;
  }
  return f;
};

// ---------------------------------------------------------------- Puppet

const puppetConfs = ['/etc/puppetlabs/puppet/puppet.conf', '/etc/puppet/puppet.conf'];
const puppetSslDirs = ['/etc/puppetlabs/puppet/ssl', '/var/lib/puppet/ssl'];
const puppetSummaries = [
  '/opt/puppetlabs/puppet/public/last_run_summary.yaml',
  '/opt/puppetlabs/puppet/cache/state/last_run_summary.yaml',
  '/var/cache/puppet/public/last_run_summary.yaml',
  '/var/cache/puppet/state/last_run_summary.yaml',
  '/var/lib/puppet/public/last_run_summary.yaml',
  '/var/lib/puppet/state/last_run_summary.yaml',
];

const readPuppet = async (host: Host): Promise<ConfigFinding> => {
  const f = finding();
  const sslDirs = [...puppetSslDirs];
  const summaries = [...puppetSummaries];
  let sawUnreadable = false;
  for (const path of puppetConfs) {
    const file = await readConfigFile(host, path);
    if (file.kind === 'absent') continue;
    f.present = true;
    if (file.kind === 'unreadable') {
      sawUnreadable = true;
      f.reasons.push(`${path} exists but cannot be read`);
      continue;
    }
    const conf = parsePuppetConf(file.text);
    if (conf.ssldir !== null) sslDirs.unshift(conf.ssldir);
    if (conf.lastrunfile !== null) summaries.unshift(conf.lastrunfile);
    if (conf.publicdir !== null) summaries.unshift(`${conf.publicdir}/last_run_summary.yaml`);
    if (conf.server !== null && f.server === null) {
      f.server = conf.server;
      f.evidence.push(`${path}: ${conf.source ?? 'server'} = ${conf.server}`);
    } else if (conf.server === null) {
      f.evidence.push(`${path}: no server= in [agent] or [main]`);
    }
  }
  f.configured = f.server !== null ? true : sawUnreadable ? null : false;
  if (f.configured === false && f.present) f.reasons.push('puppet.conf names no server (the built-in default "puppet" is not counted)');

  for (const dir of sslDirs) {
    const certs = await host.readDir(`${dir}/certs`);
    if (certs !== undefined) {
      f.present = true;
      const own = puppetAgentCerts(certs);
      f.registered = own.length > 0;
      f.evidence.push(own.length > 0 ? `${dir}/certs/${own[0] ?? ''}: certificate signed by the Puppet CA` : `${dir}/certs holds no agent certificate`);
      break;
    }
    if ((await host.stat(dir)) !== undefined) {
      f.reasons.push(`${dir}/certs cannot be listed (needs root): registration unknown`);
      break;
    }
  }
  if (f.registered === null && f.configured === true && !f.reasons.some((r) => r.includes('/certs cannot be listed'))) {
    f.reasons.push(`no readable Puppet certs directory (${sslDirs.join(', ')}): registration unknown (needs root, or the agent never ran)`);
  }

  for (const path of summaries) {
    const file = await readConfigFile(host, path);
    if (file.kind === 'absent') continue;
    f.present = true;
    if (file.kind === 'unreadable') {
      f.reasons.push(`${path} exists but cannot be read (needs root): last run unknown`);
      break;
    }
    const summary = parsePuppetRunSummary(file.text);
    const failures = summary.failures === null || summary.failures === 0 ? '' : `, ${summary.failures} failures`;
    f.evidence.push(`${path}: last run ${summary.lastRun ?? 'unknown'} (run_mode ${summary.runMode ?? 'not recorded'}${failures})`);
    if (summary.runMode === 'user') {
      f.reasons.push(`last Puppet run was a local \`puppet apply\` (run_mode user), not a check-in with a server`);
    } else {
      f.lastCheckIn = summary.lastRun;
    }
    break;
  }
  return f;
};

// ---------------------------------------------------------------- Chef

const readChef = async (host: Host): Promise<ConfigFinding> => {
  const f = finding();
  const path = '/etc/chef/client.rb';
  const file = await readConfigFile(host, path);
  if (file.kind === 'unreadable') unreadable(f, path);
  let clientKey = '/etc/chef/client.pem';
  if (file.kind === 'text') {
    f.present = true;
    const rb = parseChefClientRb(file.text);
    f.server = rb.server;
    f.configured = rb.server !== null;
    if (rb.clientKey !== null) clientKey = rb.clientKey;
    f.evidence.push(`${path}: chef_server_url ${rb.server ?? '(not set)'}`);
    if (!f.configured) f.reasons.push(`${path} sets no chef_server_url`);
  }
  const slash = clientKey.lastIndexOf('/');
  const hasKey = await existsIn(host, clientKey.slice(0, slash) || '/', clientKey.slice(slash + 1));
  if (hasKey === true) {
    f.present = true;
    f.registered = true;
    f.evidence.push(`${clientKey} exists (client registered with the Chef server)`);
  } else if (hasKey === false && f.configured === true) {
    f.registered = false;
    f.reasons.push(`${clientKey} is missing: the client has not registered with the server`);
  }
  return f;
};

// ---------------------------------------------------------------- Salt

const readSalt = async (host: Host): Promise<ConfigFinding> => {
  const f = finding();
  const paths = [
    '/etc/salt/minion',
    ...((await host.readDir('/etc/salt/minion.d')) ?? [])
      .filter((n) => n.endsWith('.conf'))
      .sort()
      .map((n) => `/etc/salt/minion.d/${n}`),
  ];
  let sawUnreadable = false;
  for (const path of paths) {
    const file = await readConfigFile(host, path);
    if (file.kind === 'absent') continue;
    f.present = true;
    if (file.kind === 'unreadable') {
      sawUnreadable = true;
      f.reasons.push(`${path} exists but cannot be read`);
      continue;
    }
    const masters = parseSaltMaster(file.text);
    if (masters.length > 0) {
      f.server = masters.join(', ');
      f.evidence.push(`${path}: master ${f.server}`);
    }
  }
  f.configured = f.server !== null ? true : sawUnreadable ? null : false;
  if (f.configured === false && f.present) f.reasons.push('no master: in the minion configuration (the built-in default "salt" is not counted)');
  const accepted = await existsIn(host, '/etc/salt/pki/minion', 'minion_master.pub');
  if (accepted === true) {
    f.present = true;
    f.registered = true;
    f.evidence.push('/etc/salt/pki/minion/minion_master.pub exists (accepted by a master)');
  } else if (accepted === false && f.configured === true) {
    f.registered = false;
    f.reasons.push('/etc/salt/pki/minion/minion_master.pub is missing: no master has accepted this minion');
  } else if (accepted === null) {
    f.reasons.push('/etc/salt/pki/minion cannot be listed (needs root): acceptance unknown');
  }
  return f;
};

// ---------------------------------------------------------------- ansible-pull

const readAnsiblePull = async (host: Host): Promise<ConfigFinding> => {
  const f = finding();
  const files = ['/etc/crontab'];
  for (const dir of ['/etc/cron.d', '/var/spool/cron/crontabs', '/var/spool/cron']) {
    for (const name of (await host.readDir(dir)) ?? []) if (!name.startsWith('.') && name !== 'crontabs') files.push(`${dir}/${name}`);
  }
  for (const dir of ['/etc/systemd/system']) {
    for (const name of (await host.readDir(dir)) ?? []) if (/\.(service|timer)$/.test(name)) files.push(`${dir}/${name}`);
  }
  for (const path of files) {
    const file = await readConfigFile(host, path);
    if (file.kind !== 'text') continue;
    for (const job of findAnsiblePull(file.text)) {
      f.present = true;
      f.configured = job.url !== null || f.configured === true;
      if (job.url !== null && f.server === null) f.server = job.url;
      f.evidence.push(`${path}: ${job.line}`);
    }
  }
  if ((await host.readDir('/var/spool/cron/crontabs')) === undefined && (await host.stat('/var/spool/cron/crontabs')) !== undefined) {
    f.reasons.push("/var/spool/cron/crontabs cannot be listed (needs root): users' crontabs not searched for ansible-pull");
  }
  return f;
};

// ---------------------------------------------------------------- Fleet, osquery, Kolide

const readFleet = async (host: Host): Promise<ConfigFinding> => {
  const f = finding();
  const path = '/etc/default/orbit';
  const file = await readConfigFile(host, path);
  if (file.kind === 'unreadable') unreadable(f, path);
  if (file.kind === 'text') {
    f.present = true;
    const env = parseEnvFile(file.text);
    const url = env.get('ORBIT_FLEET_URL') ?? '';
    f.server = url === '' ? null : url;
    f.configured = f.server !== null;
    f.evidence.push(`${path}: ORBIT_FLEET_URL=${f.server ?? '(not set)'}`);
  }
  const nodeKey = await existsIn(host, '/opt/orbit', 'secret-orbit-node-key.txt');
  if (nodeKey === true) {
    f.present = true;
    f.registered = true;
    f.evidence.push('/opt/orbit/secret-orbit-node-key.txt exists (orbit enrolled with the Fleet server)');
  }
  return f;
};

const readOsquery = async (host: Host): Promise<ConfigFinding> => {
  const f = finding();
  const path = '/etc/osquery/osquery.flags';
  const file = await readConfigFile(host, path);
  if (file.kind === 'unreadable') unreadable(f, path);
  if (file.kind === 'text') {
    f.present = true;
    const flags = parseFlagFile(file.text);
    const tls = flags.get('tls_hostname') ?? '';
    f.server = tls === '' ? null : tls;
    f.configured = f.server !== null;
    f.evidence.push(`${path}: tls_hostname ${f.server ?? '(not set)'}, config_plugin ${flags.get('config_plugin') ?? '(default)'}`);
  }
  return f;
};

const readKolide = async (host: Host): Promise<ConfigFinding> => {
  const f = finding();
  const path = '/etc/kolide-k2/launcher.flags';
  const file = await readConfigFile(host, path);
  if (file.kind === 'unreadable') unreadable(f, path);
  if (file.kind === 'text') {
    f.present = true;
    const flags = parseFlagFile(file.text);
    const hostname = flags.get('hostname') ?? '';
    f.server = hostname === '' ? null : hostname;
    f.configured = f.server !== null;
    f.evidence.push(`${path}: hostname ${f.server ?? '(not set)'}`);
  }
  return f;
};

// ---------------------------------------------------------------- Wazuh

const readWazuh = async (host: Host): Promise<ConfigFinding> => {
  const f = finding();
  const path = '/var/ossec/etc/ossec.conf';
  const file = await readConfigFile(host, path);
  if (file.kind === 'unreadable') unreadable(f, path);
  if (file.kind === 'text') {
    f.present = true;
    const managers = parseWazuhManagers(file.text);
    f.server = managers.length > 0 ? managers.join(', ') : null;
    f.configured = f.server !== null;
    f.evidence.push(`${path}: manager ${f.server ?? '(placeholder or none)'}`);
  }
  const statePath = '/var/ossec/var/run/wazuh-agentd.state';
  const state = await readConfigFile(host, statePath);
  if (state.kind === 'text') {
    f.present = true;
    const parsed = parseWazuhState(state.text);
    f.registered = parsed.status === 'connected' ? true : f.registered;
    const ack = naiveDateToIso(parsed.lastAck) ?? naiveDateToIso(parsed.lastKeepalive);
    f.lastCheckIn = ack;
    f.evidence.push(`${statePath}: status ${parsed.status ?? 'unknown'}, last_ack ${parsed.lastAck ?? 'none'} (agent local time, read as UTC)`);
  } else if (state.kind === 'unreadable') {
    f.present = true;
    f.reasons.push(`${statePath} exists but cannot be read (needs root): connection state unknown`);
  }
  return f;
};

// ---------------------------------------------------------------- CFEngine, Rudder

const readPolicyServer = async (host: Host, path: string): Promise<ConfigFinding> => {
  const f = finding();
  const file = await readConfigFile(host, path);
  if (file.kind === 'unreadable') unreadable(f, path);
  if (file.kind === 'text') {
    f.present = true;
    f.server = parsePolicyServer(file.text);
    f.configured = f.server !== null;
    f.registered = f.configured ? true : null;
    f.evidence.push(`${path}: policy server ${f.server ?? '(empty)'} (written when the agent was bootstrapped)`);
  }
  return f;
};

/** What an agent's files say, by agent id. `context` holds the run's shared work (the homes, for Intune). */
export const configReaders: Readonly<Record<string, (host: Host, context: SharedContext) => Promise<ConfigFinding>>> = {
  intune: readIntune,
  landscape: readLandscape,
  'ubuntu-pro': readUbuntuPro,
  puppet: readPuppet,
  chef: readChef,
  salt: readSalt,
  'ansible-pull': readAnsiblePull,
  cfengine: (host) => readPolicyServer(host, '/var/cfengine/policy_server.dat'),
  rudder: (host) => readPolicyServer(host, '/var/rudder/cfengine-community/policy_server.dat'),
  fleet: readFleet,
  osquery: readOsquery,
  kolide: readKolide,
  wazuh: readWazuh,
};

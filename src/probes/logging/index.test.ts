import { describe, expect, it } from 'vitest';
import type { JsonObject, Platform } from '../../model.js';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import type { ProbeContext } from '../probe.js';
import { logging } from './index.js';
import { rootSnapshot, sample, type RootSnapshot } from '../../testing/root-snapshot.js';

const text = (path: string): string => sample('logging', path).toString('utf8');
const atRest = { read: true, exec: false, live: false };

const run = async (spec: FakeHostSpec, platform: Platform = 'linux') => {
  const host = fakeHost(spec);
  const context: ProbeContext = {
    platform,
    now: new Date(0),
    catalog: { apps: [] },
    capabilities: { read: true, exec: true, live: true, ...spec.capabilities },
  };
  const outcome = await logging.collect(host, context);
  return { outcome, host, facts: outcome.status === 'ok' ? outcome.facts : ({} as JsonObject) };
};

/** Adds files, links and stats to a recorded root. */
const extend = (
  root: RootSnapshot,
  extra: Partial<RootSnapshot> & { capabilities?: FakeHostSpec['capabilities']; commands?: FakeHostSpec['commands'] },
): FakeHostSpec => ({
  files: { ...root.files, ...extra.files },
  dirs: { ...root.dirs, ...extra.dirs },
  links: { ...root.links, ...extra.links },
  stats: { ...root.stats, ...extra.stats },
  ...(extra.capabilities ? { capabilities: extra.capabilities } : {}),
  ...(extra.commands ? { commands: extra.commands } : {}),
});

const root = (name: string): RootSnapshot => rootSnapshot('logging', name);

/** A live process table written for the tests (not recorded): /proc/<pid>/comm and cmdline. */
const processes = (names: Record<number, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(names).flatMap(([pid, path]) => [
      [`/proc/${pid}/comm`, `${path.slice(path.lastIndexOf('/') + 1).slice(0, 15)}\n`],
      [`/proc/${pid}/cmdline`, `${path}\0`],
    ]),
  );

describe('logging probe, live', () => {
  it('reports this VM as recorded: nothing runs but process_api, so nothing is logged or synchronised', async () => {
    const { facts, host } = await run(
      extend(root('debian12-vm'), {
        files: { '/proc/1/comm': text('debian12-vm/proc-1-comm'), '/proc/1/cmdline': text('debian12-vm/proc-1-cmdline') },
      }),
    );
    expect(facts).toMatchObject({
      persistent: false,
      journalStorage: 'auto',
      syslogDaemon: null,
      forwarded: false,
      forwardTargets: [],
      logAgents: [],
      auditd: { installed: false, enabled: false, running: false, rules: 0 },
      timeSync: false,
      timeSyncService: null,
      timeSynchronized: null,
    });
    expect(facts.reasons).toEqual([
      'systemd-journald is not running (systemd is not the init of this system)',
      'auditd is not installed',
      'systemd-timesyncd is installed and systemd-timesyncd.service enabled but not running',
      'no time synchronisation service is running',
      'whether the clock is synchronised is unknown (no running systemd to ask)',
      'no log forwarding found (syslog remote target, systemd-journal-upload or log agent)',
    ]);
    expect(host.ran).toEqual([]);
  });

  it('passes a running system that logs, forwards, audits and keeps time', async () => {
    const { facts, host } = await run(
      extend(root('logging-on'), {
        files: {
          ...processes({
            1: '/lib/systemd/systemd',
            210: '/lib/systemd/systemd-journald',
            400: '/usr/sbin/rsyslogd',
            401: '/sbin/auditd',
            402: '/usr/sbin/chronyd',
          }),
          '/etc/rsyslog.d/90-forward.conf': text('edits/rsyslog.d-90-forward.conf'),
          '/etc/audit/rules.d/30-stig.rules': text('debian-packages/30-stig.rules'),
        },
        dirs: { '/run/systemd/system': [] },
        // systemd's markers for started units (what unitActive reads when systemd is the init)
        links: Object.fromEntries(['rsyslog.service', 'auditd.service', 'chrony.service'].map((unit) => [`/run/systemd/units/invocation:${unit}`, 'a1b2c3'])),
        // timedatectl's documented answer (`yes`/`no`), not recorded: systemd does not run on the build VM
        commands: {
          'auditctl -s': { stdout: text('edits/auditctl-s-enabled') },
          'auditctl -l': { stdout: text('debian12-vm/auditctl-l-norules') },
          'timedatectl show -p NTPSynchronized --value': { stdout: 'yes\n' },
        },
      }),
    );
    expect(facts).toMatchObject({
      persistent: true,
      journalStorage: 'auto',
      syslogDaemon: 'rsyslog',
      forwarded: true,
      forwardTargets: ['udp://siem.example.lu:514', 'tcp://logs.example.lu:6514'],
      auditd: { installed: true, enabled: true, running: true, rules: 34, kernelEnabled: 1, loadedRules: 0 },
      timeSync: true,
      timeSyncService: 'chrony',
      timeServers: ['pool 2.debian.pool.ntp.org'],
      timeSynchronized: true,
    });
    expect(host.ran).toEqual([
      ['auditctl', '-s'],
      ['auditctl', '-l'],
      ['timedatectl', 'show', '-p', 'NTPSynchronized', '--value'],
    ]);
  });

  it('leaves kernel audit state null without root', async () => {
    const { facts } = await run(
      extend(root('logging-on'), {
        files: processes({ 401: '/sbin/auditd' }),
        commands: { 'auditctl -s': { exitCode: 4, stderr: text('debian12-vm/auditctl-s-nonroot.stderr') } },
      }),
    );
    expect(facts.auditd).toMatchObject({ running: true, kernelEnabled: null, loadedRules: null });
    expect(facts.reasons).toContain('auditctl -s failed (You must be root to run this program.): needs root');
  });

  it('is unsupported off Linux', async () => {
    expect((await run({}, 'macos')).outcome.status).toBe('unsupported');
  });
});

describe('logging probe, at rest', () => {
  it('reads the rsyslog + auditd + chrony root from its configuration only', async () => {
    const { facts, host } = await run(extend(root('logging-on'), { capabilities: atRest }));
    expect(facts).toMatchObject({
      persistent: true,
      journalStorage: 'auto',
      syslogDaemon: 'rsyslog',
      forwarded: false,
      forwardTargets: [],
      auditd: { installed: true, enabled: true, running: null, rules: 0, kernelEnabled: null, loadedRules: null },
      timeSync: true,
      timeSyncService: 'chrony',
      timeServers: ['pool 2.debian.pool.ntp.org'],
      timeSynchronized: null,
    });
    expect(facts.reasons).toContain('no audit rules are configured (only control lines such as -D, -b, -f)');
    expect(host.ran).toEqual([]);
  });

  it('reads the timesyncd root: persistent journal, time sync, no syslog, no audit', async () => {
    const { facts, host } = await run(extend(root('logging-timesyncd'), { capabilities: atRest }));
    expect(facts).toMatchObject({
      persistent: true,
      journalStorage: 'auto',
      syslogDaemon: null,
      forwarded: false,
      auditd: { installed: false, enabled: false, running: null, rules: 0 },
      timeSync: true,
      timeSyncService: 'systemd-timesyncd',
      timeServers: ['(compiled-in fallback servers)'],
      timeSynchronized: null,
    });
    expect(host.ran).toEqual([]);
  });

  it('fails a volatile journal', async () => {
    const { facts } = await run(
      extend(root('logging-timesyncd'), {
        capabilities: atRest,
        files: { '/etc/systemd/journald.conf.d/volatile.conf': text('edits/journald.conf.d-volatile.conf') },
      }),
    );
    expect(facts).toMatchObject({ persistent: false, journalStorage: 'volatile' });
  });

  it('fails the clean root: no journald, no syslog, no audit, no time sync', async () => {
    const { facts, host } = await run(extend(root('clean'), { capabilities: atRest }));
    expect(facts).toMatchObject({
      persistent: false,
      journalStorage: null,
      syslogDaemon: null,
      forwarded: false,
      auditd: { installed: false },
      timeSync: false,
      timeSyncService: null,
    });
    expect(facts.reasons).toEqual([
      'systemd-journald is not installed',
      'auditd is not installed',
      'no time synchronisation service is enabled',
      'no log forwarding found (syslog remote target, systemd-journal-upload or log agent)',
    ]);
    expect(host.ran).toEqual([]);
  });

  it('finds syslog-ng forwarding', async () => {
    const { facts } = await run(
      extend(root('clean'), {
        capabilities: atRest,
        files: { '/etc/syslog-ng/syslog-ng.conf': text('edits/syslog-ng-forward.conf') },
        stats: { '/usr/sbin/syslog-ng': { type: 'file' }, '/lib/systemd/system/syslog-ng.service': { type: 'file' } },
        links: { '/etc/systemd/system/multi-user.target.wants/syslog-ng.service': '/lib/systemd/system/syslog-ng.service' },
      }),
    );
    expect(facts).toMatchObject({ persistent: true, syslogDaemon: 'syslog-ng', forwarded: true, forwardTargets: ['tcp://logs.example.lu:601'] });
  });

  it('counts systemd-journal-upload only when its unit is enabled', async () => {
    const upload = (enabled: boolean): FakeHostSpec =>
      extend(root('logging-timesyncd'), {
        capabilities: atRest,
        files: { '/etc/systemd/journal-upload.conf': text('edits/journal-upload-url.conf') },
        stats: { '/lib/systemd/system/systemd-journal-upload.service': { type: 'file' } },
        links: enabled
          ? { '/etc/systemd/system/multi-user.target.wants/systemd-journal-upload.service': '/lib/systemd/system/systemd-journal-upload.service' }
          : {},
      });
    expect((await run(upload(true))).facts).toMatchObject({ forwarded: true, forwardTargets: ['https://logs.example.lu:19532'] });
    const disabled = await run(upload(false));
    expect(disabled.facts).toMatchObject({ forwarded: false, forwardTargets: [] });
    expect(disabled.facts.reasons).toContain('journal-upload.conf names https://logs.example.lu:19532 but systemd-journal-upload is not enabled');
  });

  it('counts a log-shipping agent as forwarding', async () => {
    const { facts } = await run(extend(root('clean'), { capabilities: atRest, dirs: { '/var/ossec': ['etc'] } }));
    expect(facts).toMatchObject({ forwarded: true, logAgents: ['wazuh-agent'] });
  });
});

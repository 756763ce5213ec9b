import { describe, expect, it } from 'vitest';
import type { JsonObject, ProbeOutcome } from '../../model.js';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import type { ProbeContext } from '../probe.js';
import { updates } from './index.js';
import { aptListRows, debianSpec, sampleText } from '../../testing/updates-samples.js';

const context = (spec: FakeHostSpec): ProbeContext => ({
  platform: 'linux',
  now: new Date(0),
  catalog: { apps: [] },
  capabilities: { read: true, exec: true, live: true, ...spec.capabilities },
});

const collect = async (spec: FakeHostSpec): Promise<{ facts: JsonObject; ran: string[][] }> => {
  const host = fakeHost(spec);
  const outcome: ProbeOutcome = await updates.collect(host, context(spec));
  if (outcome.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return { facts: outcome.facts, ran: host.ran };
};

interface Pending {
  package: string;
  architecture: string;
  candidate: string;
  security: boolean;
  source: string;
}

/** The timers the apt package enables, as systemctl links them (recorded in the pending root). */
const aptTimers = {
  '/lib/systemd/system/apt-daily.timer': '',
  '/lib/systemd/system/apt-daily-upgrade.timer': '',
  '/etc/systemd/system/timers.target.wants/apt-daily.timer': '',
  '/etc/systemd/system/timers.target.wants/apt-daily-upgrade.timer': '',
};

const pendingRoot = (extra: Partial<FakeHostSpec> = {}): FakeHostSpec => {
  const { files, stats } = debianSpec('debian12-pending-root');
  return { ...extra, files: { ...files, ...aptTimers, '/usr/bin/unattended-upgrade': '', ...extra.files }, stats: { ...stats, ...extra.stats } };
};

describe('updates probe on Debian', () => {
  it('the pending root: unattended-upgrades on, 7 security updates exactly as apt lists them', async () => {
    const { facts, ran } = await collect(pendingRoot({ capabilities: { live: false, exec: false } }));
    expect(ran).toEqual([]);
    expect(facts).toMatchObject({
      packageManager: 'apt',
      automatic: true,
      mechanism: 'unattended-upgrades',
      pendingUpdates: 7,
      pendingSecurityUpdates: 7,
      listsUpdatedAt: '2026-11-22T07:33:17.000Z',
      lastUpgradeAt: '2026-11-22T07:33:23.000Z',
      lastUpgradeCommand: 'apt-get install -y --no-install-recommends unattended-upgrades openssl',
      installedAt: '2026-11-22T07:02:08.000Z',
      upToDateSince: '2026-11-22T07:33:23.000Z',
      rebootRequired: null,
    });
    const pending = facts.pending as unknown as Pending[];
    const oracle = aptListRows(sampleText('debian12-pending-root/apt-list-upgradable.txt'));
    expect(pending.map((p) => [p.package, p.candidate, p.architecture])).toEqual(oracle.map((r) => [r.name, r.candidate, r.architecture]));
    expect(pending.find((p) => p.package === 'openssl')).toEqual({
      package: 'openssl',
      architecture: 'amd64',
      installed: '3.0.20-1~deb12u2',
      candidate: '3.0.22-1~deb12u2',
      security: true,
      source: 'bookworm-security',
      held: false,
    });
    expect(facts.reasons).toEqual(['a pending reboot is a property of a running system']);
  });

  it('this VM: lz4 lists, no unattended-upgrades, the same pending updates as `apt list --upgradable`', async () => {
    const { files, stats } = debianSpec('debian12-vm');
    const { facts } = await collect({ files: { ...files, ...aptTimers }, stats, capabilities: { live: false, exec: false } });
    expect(facts.automatic).toBe(false);
    expect(facts.mechanism).toBeNull();
    expect(facts.automaticEvidence).toContain('unattended-upgrades is not installed');
    expect(facts.automaticEvidence).toContain('APT::Periodic::Unattended-Upgrade is not set');
    const oracle = aptListRows(sampleText('debian12-vm/apt-list-upgradable.txt'));
    const pending = facts.pending as unknown as Pending[];
    expect(pending.map((p) => [p.package, p.candidate, p.architecture])).toEqual(oracle.map((r) => [r.name, r.candidate, r.architecture]));
    expect(facts.pendingUpdates).toBe(oracle.length);
    // Every update apt shows from a -security suite is a security update here; apt_check.py's rule
    // also counts a security fix masked by a newer candidate from another suite.
    const bySuite = oracle.filter((r) => r.suites.includes('-security')).map((r) => r.name);
    const security = pending.filter((p) => p.security).map((p) => p.package);
    expect(security).toEqual(expect.arrayContaining(bySuite));
    expect(facts.pendingSecurityUpdates).toBe(security.length);
    expect(facts.pendingEvidence).toContain(
      'deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4: 160 entries for installed packages (lz4)',
    );
  });

  it('none pending when dpkg has the candidate versions (the pending root with its 7 packages upgraded in the status text)', async () => {
    const spec = pendingRoot({ capabilities: { live: false, exec: false } });
    const oracle = aptListRows(sampleText('debian12-pending-root/apt-list-upgradable.txt'));
    let status = sampleText('debian12-pending-root/dpkg-status');
    for (const row of oracle) {
      status = status.replace(new RegExp(`(^Package: ${row.name.replace(/[.+]/g, '\\$&')}\\n(?:.+\\n)*?Version: ).+$`, 'm'), `$1${row.candidate}`);
    }
    const { facts } = await collect({ ...spec, files: { ...spec.files, '/var/lib/dpkg/status': status } });
    expect(facts).toMatchObject({ pendingUpdates: 0, pendingSecurityUpdates: 0, pending: [] });
  });

  it('automatic is off when the timer is masked or the periodic setting is 0', async () => {
    const masked = await collect(pendingRoot({ links: { '/etc/systemd/system/apt-daily-upgrade.timer': '/dev/null' } }));
    expect(masked.facts.automatic).toBe(false);
    expect(masked.facts.automaticEvidence).toContain('apt-daily-upgrade.timer is masked');
    const off = await collect(pendingRoot({ files: { '/etc/apt/apt.conf.d/99local': 'APT::Periodic::Unattended-Upgrade "0";\n' } }));
    expect(off.facts).toMatchObject({ automatic: false, mechanism: null });
  });

  it('reports a required reboot on a running system', async () => {
    const { facts } = await collect(
      pendingRoot({
        files: {
          '/var/run/reboot-required': '*** System restart required ***\n',
          '/var/run/reboot-required.pkgs': 'linux-image-6.1.0-28-amd64\nlibc6\nlibc6\n',
        },
        stats: { '/var/run/reboot-required': { mtimeMs: Date.UTC(2026, 10, 21, 6, 0, 0) } },
      }),
    );
    expect(facts).toMatchObject({
      rebootRequired: true,
      rebootRequiredSince: '2026-11-21T06:00:00.000Z',
      rebootRequiredPackages: ['libc6', 'linux-image-6.1.0-28-amd64'],
    });
  });

  it('compares the running kernel with the newest one in /boot', async () => {
    const { facts } = await collect(
      pendingRoot({
        files: { '/proc/sys/kernel/osrelease': '6.1.0-26-amd64\n', '/boot/vmlinuz-6.1.0-26-amd64': '', '/boot/vmlinuz-6.1.0-28-amd64': '' },
      }),
    );
    expect(facts.rebootRequired).toBe(true);
    expect(facts.rebootEvidence).toContain('running kernel 6.1.0-26-amd64, newest installed kernel 6.1.0-28-amd64');
  });

  it('says what is missing when there are no lists', async () => {
    const { facts } = await collect({
      files: { '/var/lib/dpkg/status': sampleText('debian12-pending-root/dpkg-status') },
      stats: { '/etc/apt': { type: 'directory' } },
    });
    expect(facts).toMatchObject({ pendingUpdates: null, pendingSecurityUpdates: null, pending: null, listsUpdatedAt: null });
    expect(facts.reasons).toContain('/var/lib/apt/lists cannot be read');
  });
});

describe('updates probe: since when packages are up to date', () => {
  const dpkgLog =
    '2026-01-05 10:00:00 startup archives install\n2026-01-05 10:00:01 install base-files:amd64 <none> 12.4\n2026-01-05 10:00:02 status installed base-files:amd64 12.4\n';
  it('falls back to the installation when nothing was upgraded since', async () => {
    const { facts } = await collect({
      files: { '/var/lib/dpkg/status': '', '/usr/bin/apt-get': '', '/var/log/dpkg.log': dpkgLog },
      capabilities: { live: false, exec: false },
    });
    expect(facts).toMatchObject({ lastUpgradeAt: null, installedAt: '2026-01-05T10:00:00.000Z', upToDateSince: '2026-01-05T10:00:00.000Z' });
  });

  it('does not take a rotated log for the installation', async () => {
    const { facts } = await collect({
      files: { '/var/lib/dpkg/status': '', '/usr/bin/apt-get': '', '/var/log/dpkg.log': dpkgLog, '/var/log/dpkg.log.1': dpkgLog },
      capabilities: { live: false, exec: false },
    });
    expect(facts).toMatchObject({ installedAt: null, upToDateSince: null });
  });
});

describe('updates probe on dnf systems', () => {
  const fedora = (extra: Partial<FakeHostSpec> = {}): FakeHostSpec => ({
    ...extra,
    files: {
      '/usr/bin/dnf': '',
      '/usr/bin/dnf-automatic': '',
      '/etc/dnf/automatic.conf': sampleText('dnf/automatic.conf'),
      '/usr/lib/systemd/system/dnf-automatic.timer': '',
      '/usr/lib/systemd/system/dnf-automatic-install.timer': '',
      '/etc/systemd/system/timers.target.wants/dnf-automatic.timer': '',
      ...extra.files,
    },
  });

  it('at rest: configuration only, never runs a command', async () => {
    const { facts, ran } = await collect(fedora({ capabilities: { live: false, exec: false } }));
    expect(ran).toEqual([]);
    expect(facts).toMatchObject({ packageManager: 'dnf', automatic: false, pendingUpdates: null, pendingSecurityUpdates: null });
    expect(facts.automaticEvidence).toContain('dnf-automatic.timer runs with apply_updates off: it only downloads or notifies');
  });

  it('dnf-automatic-install.timer installs whatever the configuration says', async () => {
    const { facts } = await collect(
      fedora({ files: { '/etc/systemd/system/timers.target.wants/dnf-automatic-install.timer': '' }, capabilities: { exec: false } }),
    );
    expect(facts).toMatchObject({ automatic: true, mechanism: 'dnf-automatic' });
  });

  it('live: dnf check-update exit 100 and updateinfo give the pending counts', async () => {
    const { facts, ran } = await collect(
      fedora({
        commands: {
          'dnf -q --cacheonly check-update': { exitCode: 100, stdout: '\nglibc.x86_64   2.28-26.fc29   updates\nnano.x86_64   7.2-1.fc29   updates\n' },
          'dnf -q --cacheonly updateinfo list --security --available': { stdout: 'FEDORA-2019-1 Important/Sec. glibc-2.28-26.fc29.x86_64\n' },
          'dnf -q history list': { stdout: '     6 | upgrade -y | 2024-03-01 09:12 | Upgrade |   42\n' },
        },
      }),
    );
    expect(ran.map((argv) => argv.join(' '))).toEqual([
      'dnf -q --cacheonly check-update',
      'dnf -q --cacheonly updateinfo list --security --available',
      'dnf -q history list',
    ]);
    expect(facts).toMatchObject({ pendingUpdates: 2, pendingSecurityUpdates: 1, lastUpgradeAt: '2024-03-01T09:12:00.000Z' });
  });
});

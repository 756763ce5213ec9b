/** Whether a running system waits for a reboot: Debian/Ubuntu's flag file, then the kernel. */
import { readText, type Host } from '../../hosts/host.js';
import { compareDebianVersions } from './debian-version.js';
import type { UpdateFacts } from './facts.js';

const flagPaths = ['/var/run/reboot-required', '/run/reboot-required'];

type RebootFacts = Pick<UpdateFacts, 'rebootRequired' | 'rebootRequiredSince' | 'rebootRequiredPackages' | 'rebootEvidence'>;

/** The newest kernel in /boot (`vmlinuz-<release>`), by version order. */
export const newestKernel = (bootEntries: readonly string[]): string | undefined =>
  bootEntries
    .filter((name) => name.startsWith('vmlinuz-') && !name.includes('rescue'))
    .map((name) => name.slice('vmlinuz-'.length))
    .sort(compareDebianVersions)
    .at(-1);

export const rebootState = async (host: Host, live: boolean, flagWriterInstalled: boolean): Promise<RebootFacts & { reason?: string }> => {
  if (!live) {
    return {
      rebootRequired: null,
      rebootRequiredSince: null,
      rebootRequiredPackages: null,
      rebootEvidence: [],
      reason: 'a pending reboot is a property of a running system',
    };
  }
  for (const path of flagPaths) {
    const stat = await host.stat(path);
    if (stat === undefined) continue;
    const pkgs = (await readText(host, `${path}.pkgs`)) ?? '';
    const packages = [
      ...new Set(
        pkgs
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l !== ''),
      ),
    ].sort();
    return {
      rebootRequired: true,
      rebootRequiredSince: stat.mtimeMs > 0 ? new Date(stat.mtimeMs).toISOString() : null,
      rebootRequiredPackages: packages,
      rebootEvidence: [`${path} exists`],
    };
  }
  const evidence = [`${flagPaths[0] ?? ''} does not exist`];
  const running = (await readText(host, '/proc/sys/kernel/osrelease'))?.trim();
  const boot = (await host.readDir('/boot')) ?? [];
  const newest = newestKernel(boot);
  if (running !== undefined && newest !== undefined && boot.includes(`vmlinuz-${running}`)) {
    if (newest !== running) {
      const since = (await host.stat(`/boot/vmlinuz-${newest}`))?.mtimeMs;
      return {
        rebootRequired: true,
        rebootRequiredSince: since === undefined || since <= 0 ? null : new Date(since).toISOString(),
        rebootRequiredPackages: [],
        rebootEvidence: [...evidence, `running kernel ${running}, newest installed kernel ${newest}`],
      };
    }
    evidence.push(`running kernel ${running} is the newest installed`);
    return { rebootRequired: false, rebootRequiredSince: null, rebootRequiredPackages: [], rebootEvidence: evidence };
  }
  evidence.push(running === undefined ? 'running kernel unknown' : `running kernel ${running} is not one of /boot/vmlinuz-*`);
  if (flagWriterInstalled) {
    evidence.push('the flag file is written by the installed update tooling whenever a package needs a reboot');
    return { rebootRequired: false, rebootRequiredSince: null, rebootRequiredPackages: [], rebootEvidence: evidence };
  }
  return {
    rebootRequired: null,
    rebootRequiredSince: null,
    rebootRequiredPackages: null,
    rebootEvidence: evidence,
    reason:
      'no reboot-required flag and no installed kernel to compare with the running one; nothing installed writes the flag (unattended-upgrades, update-notifier-common)',
  };
};

/**
 * `updates`: automatic updates, pending (security) updates from local package metadata, metadata
 * freshness, the last upgrade and a pending reboot. Reads files only (apt) or runs dnf with
 * --cacheonly; never refreshes metadata, never touches the network, never writes.
 */
import { readText, type Host } from '../../hosts/host.js';
import { defineProbe, macosAndWindows, ok, type ProbeContext } from '../probe.js';
import { linuxReads } from './reads.js';
import { collectApt } from './collect-apt.js';
import { collectDnf } from './collect-dnf.js';
import { emptyFacts, toJson, updateFacts, type UpdateFacts } from './facts.js';
import { timeZoneName } from './history.js';
import { rebootState } from './reboot.js';

type PackageManager = 'apt' | 'dnf' | 'zypper' | 'apk' | 'pacman';

/** The first package manager whose database or binary is present. */
const detect = async (host: Host): Promise<PackageManager | null> => {
  const exists = async (path: string): Promise<boolean> => (await host.stat(path)) !== undefined;
  if ((await exists('/var/lib/dpkg/status')) && ((await exists('/etc/apt')) || (await exists('/usr/bin/apt-get')))) return 'apt';
  if ((await exists('/usr/bin/dnf')) || (await exists('/usr/bin/dnf5')) || (await exists('/etc/dnf/dnf.conf'))) return 'dnf';
  if (await exists('/usr/bin/zypper')) return 'zypper';
  if ((await exists('/lib/apk/db/installed')) || (await exists('/usr/lib/apk/db/installed'))) return 'apk';
  if (await exists('/var/lib/pacman/local')) return 'pacman';
  return null;
};

const readTimeZone = async (host: Host): Promise<{ zone: string; note?: string }> => {
  const zone = timeZoneName(await host.readLink('/etc/localtime'), await readText(host, '/etc/timezone'));
  return zone === null ? { zone: 'UTC', note: 'no /etc/localtime or /etc/timezone: log times read as UTC' } : { zone };
};

const collectLinux = async (host: Host, context: ProbeContext): Promise<UpdateFacts> => {
  const facts = emptyFacts();
  const manager = await detect(host);
  facts.packageManager = manager;
  const { zone, note } = await readTimeZone(host);
  if (note !== undefined) facts.reasons.push(note);
  let flagWriter = false;
  if (manager === 'apt') {
    const apt = await collectApt(host, context, zone);
    Object.assign(facts, apt.facts, { reasons: [...facts.reasons, ...(apt.facts.reasons ?? [])] });
    flagWriter = apt.rebootFlagWriter;
  } else if (manager === 'dnf') {
    const dnf = await collectDnf(host, context, zone);
    Object.assign(facts, dnf, { reasons: [...facts.reasons, ...(dnf.reasons ?? [])] });
  } else {
    facts.reasons.push(
      manager === null ? 'no known package manager (dpkg/apt, dnf, zypper, apk, pacman) found' : `${manager} is not supported yet by this probe`,
    );
  }
  const reboot = await rebootState(host, context.capabilities.live, flagWriter);
  const { reason, ...rebootFacts } = reboot;
  Object.assign(facts, rebootFacts);
  if (reason !== undefined) facts.reasons.push(reason);
  return facts;
};

export const updates = defineProbe({
  id: 'updates',
  title: 'Updates',
  needs: ['read'],
  facts: updateFacts,
  reads: { linux: linuxReads },
  collect: {
    linux: async (host, context) => ok(toJson(await collectLinux(host, context))),
    ...macosAndWindows(
      () => import('./macos.js'),
      () => import('./windows.js'),
    ),
  },
});

/** People's home directories on macOS: the folders of /Users (the Data volume's /Users at rest). */
import type { Host } from '../../hosts/host.js';

export interface MacHome {
  user: string;
  uid: number;
  home: string;
}

/** /Users entries that are not homes: the shared folder, hidden entries, the Finder's .localized. */
const notHomes = new Set(['shared', 'guest']);

/**
 * Every directory under /Users except Shared (and Guest, which exists only while the guest account
 * is logged in), sorted. The owner's uid is the directory's; the user name is the folder name, which
 * is what macOS uses for every account created by Setup Assistant or System Settings.
 */
export const listMacHomes = async (host: Host): Promise<MacHome[]> => {
  const names = ((await host.readDir('/Users')) ?? []).filter((name) => !name.startsWith('.') && !notHomes.has(name.toLowerCase()));
  const stats = await Promise.all(names.map((name) => host.stat(`/Users/${name}`)));
  const homes: MacHome[] = [];
  names.forEach((name, index) => {
    const stat = stats[index];
    if (stat?.type === 'directory') homes.push({ user: name, uid: stat.uid, home: `/Users/${name}` });
  });
  return homes.sort((a, b) => (a.home < b.home ? -1 : a.home > b.home ? 1 : 0));
};

/** uid → user name, from the homes (macOS keeps accounts in Directory Services, not /etc/passwd). */
export const userNamesByUid = (homes: readonly MacHome[]): Map<number, string> => {
  const names = new Map<number, string>([[0, 'root']]);
  for (const home of homes) if (!names.has(home.uid)) names.set(home.uid, home.user);
  return names;
};

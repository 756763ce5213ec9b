import type { Host } from '../../hosts/host.js';
import { readText } from '../../hosts/host.js';
import { parsePasswd } from '../codecs/passwd.js';
import { shared, type SharedContext } from '../run-shared.js';

/** A home directory that exists on the target, and whose it is. */
export interface Home {
  user: string;
  uid: number;
  home: string;
  /**
   * `passwd`: an /etc/passwd account. `home-dir`: a directory under /home that no passwd entry names
   * (accounts from LDAP, SSSD or Active Directory); its user is the directory name and its uid the owner's.
   */
  source: 'passwd' | 'home-dir';
}

/** Interactive accounts: root plus the uid range Debian, Fedora and Arch give to people (login.defs defaults). */
export const isPersonUid = (uid: number): boolean => uid === 0 || (uid >= 1000 && uid < 60000);

const isDirectory = async (host: Host, path: string): Promise<boolean> => (await host.stat(path))?.type === 'directory';

/**
 * Home directories of the target's people: /etc/passwd accounts with uid 0 or 1000–59999 whose home
 * exists, then directories under /home that no such account claims. Sorted by home; one entry per home.
 * Found once per run (the run's shared work, ../run-shared.ts) for every probe that asks, each given
 * its own copy; without a run (`context` without `shared`), found for this caller alone.
 */
export const listHomes = async (host: Host, context: SharedContext = {}): Promise<Home[]> =>
  (await shared(host, context, { key: 'homes', run: findHomes })).map((home) => ({ ...home }));

const findHomes = async (host: Host): Promise<Home[]> => {
  const [passwd, homeDir] = await Promise.all([readText(host, '/etc/passwd'), host.readDir('/home')]);
  const claimed = new Set<string>();
  const candidates: Home[] = [];
  for (const entry of passwd === undefined ? [] : parsePasswd(passwd)) {
    if (!isPersonUid(entry.uid) || !entry.home.startsWith('/') || entry.home === '/') continue;
    const home = entry.home.length > 1 ? entry.home.replace(/\/+$/, '') : entry.home;
    if (claimed.has(home)) continue;
    claimed.add(home);
    candidates.push({ user: entry.name, uid: entry.uid, home, source: 'passwd' });
  }
  const present = await Promise.all(candidates.map((c) => isDirectory(host, c.home)));
  const homes = candidates.filter((_, i) => present[i] === true);

  const unclaimed = (homeDir ?? []).filter((name) => !name.startsWith('.') && !claimed.has(`/home/${name}`));
  const stats = await Promise.all(unclaimed.map((name) => host.stat(`/home/${name}`)));
  unclaimed.forEach((name, i) => {
    const stat = stats[i];
    if (stat?.type === 'directory' && name !== 'lost+found') {
      homes.push({ user: name, uid: stat.uid, home: `/home/${name}`, source: 'home-dir' });
    }
  });
  return homes.sort((a, b) => (a.home < b.home ? -1 : a.home > b.home ? 1 : 0));
};

/**
 * Package history logs. Both apt's history.log and dpkg.log write local wall-clock times without a
 * zone, so times are converted with the target's configured time zone.
 */
import { compareDebianVersions } from './debian-version.js';

export interface Transaction {
  start: string | null;
  /** Local time as written (`2026-11-22  07:33:23`). */
  end: string | null;
  commandline: string | null;
  actions: string[];
  failed: boolean;
}

/** apt's /var/log/apt/history.log: blocks from `Start-Date:` to `End-Date:`, separated by blank lines. */
export const parseAptHistory = (text: string): Transaction[] => {
  const transactions: Transaction[] = [];
  let current: Transaction | undefined;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(': ');
    if (colon <= 0) continue;
    const key = line.slice(0, colon);
    const value = line.slice(colon + 2).trim();
    if (key === 'Start-Date') {
      current = { start: value, end: null, commandline: null, actions: [], failed: false };
      transactions.push(current);
    } else if (current === undefined) {
      continue;
    } else if (key === 'End-Date') {
      current.end = value;
    } else if (key === 'Commandline') {
      current.commandline = value;
    } else if (key === 'Error') {
      current.failed = true;
    } else if (/^(Install|Upgrade|Downgrade|Remove|Purge|Reinstall)$/.test(key)) {
      current.actions.push(key);
    }
  }
  return transactions;
};

/**
 * The newest transaction that upgraded installed packages and ended without an error. Installing
 * new packages patches nothing already there, so it does not count.
 */
export const lastSuccessfulUpgrade = (transactions: readonly Transaction[]): Transaction | undefined =>
  [...transactions].reverse().find((t) => t.end !== null && !t.failed && t.actions.includes('Upgrade'));

/**
 * dpkg.log: the time of the last `status installed` that completed an upgrade of an installed
 * package to a newer version (`upgrade P OLD NEW`, then `status installed P NEW`). First installs
 * (`install P <none> V`) do not count.
 */
export const lastDpkgUpgrade = (text: string): string | undefined => {
  const pendingNew = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split('\n')) {
    const match = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) (install|upgrade|status installed) (\S+) (\S+)(?: (\S+))?/.exec(line);
    if (match === null) continue;
    const [, time, action, pkg, first, second] = match;
    if (time === undefined || pkg === undefined || first === undefined) continue;
    if (action === 'status installed') {
      if (pendingNew.get(pkg) === first) {
        last = time;
        pendingNew.delete(pkg);
      }
    } else if (second !== undefined && first !== '<none>' && compareDebianVersions(second, first) > 0) {
      pendingNew.set(pkg, second);
    }
  }
  return last;
};

/**
 * A local wall-clock time (`YYYY-MM-DD[ ]+HH:MM:SS`) in `timeZone` → ISO-8601 UTC. Null when the text
 * is not such a time or the zone is unknown to this Node's ICU data.
 */
export const localTimeToIso = (local: string, timeZone: string): string | null => {
  const match = /^(\d{4})-(\d\d)-(\d\d)\s+(\d\d):(\d\d):(\d\d)$/.exec(local.trim());
  if (match === null) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
  const offset = (utc: number): number => {
    const parts = new Map(format.formatToParts(new Date(utc)).map((p) => [p.type, Number(p.value)]));
    const asUtc = Date.UTC(
      parts.get('year') ?? 0,
      (parts.get('month') ?? 1) - 1,
      parts.get('day') ?? 1,
      parts.get('hour') ?? 0,
      parts.get('minute') ?? 0,
      parts.get('second') ?? 0,
    );
    return asUtc - utc;
  };
  const first = wall - offset(wall);
  return new Date(wall - offset(first)).toISOString();
};

/** `/etc/localtime` link target (`/usr/share/zoneinfo/Europe/Luxembourg`) or /etc/timezone text → zone name. */
export const timeZoneName = (localtimeLink: string | undefined, timezoneFile: string | undefined): string | null => {
  const fromLink = localtimeLink === undefined ? undefined : /zoneinfo\/(.+)$/.exec(localtimeLink)?.[1];
  if (fromLink !== undefined && fromLink !== '') return fromLink;
  const fromFile = timezoneFile?.split('\n')[0]?.trim();
  return fromFile === undefined || fromFile === '' ? null : fromFile;
};

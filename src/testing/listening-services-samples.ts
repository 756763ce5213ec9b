import { readFileSync, readdirSync } from 'node:fs';
import type { FileStat } from '../hosts/host.js';
import type { FakeHostSpec } from './fake-host.js';

export const scenarios = ['exposed-root', 'exposed-nonroot', 'loopback-root', 'idle-root'] as const;
export type Scenario = (typeof scenarios)[number];

const base = new URL('../../fixtures/samples/listening-services/', import.meta.url);

/** A recorded file of a scenario (see fixtures/samples/listening-services/README.md). */
export const sample = (scenario: Scenario, name: string): string => readFileSync(new URL(`${scenario}/${name}`, base), 'utf8');

const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

/**
 * The host as a recording saw it: /proc/net tables, the /proc listing with each directory's owner,
 * every fd link (`find -printf '%p\t%l'`; an empty target is a link readlink refused), the fd
 * tables find could not open (its stderr), comm and status of the socket holders, /etc/passwd and
 * the reader's /proc/self/status.
 */
export const recordedHost = (scenario: Scenario): FakeHostSpec => {
  const read = (name: string): string => sample(scenario, name);
  const files: Record<string, string> = {
    '/proc/net/tcp': read('proc-net-tcp'),
    '/proc/net/tcp6': read('proc-net-tcp6'),
    '/proc/net/udp': read('proc-net-udp'),
    '/proc/net/udp6': read('proc-net-udp6'),
    '/etc/passwd': read('etc-passwd'),
    '/proc/self/status': read('self-status'),
  };
  for (const pid of readdirSync(new URL(`${scenario}/proc/`, base))) {
    for (const name of readdirSync(new URL(`${scenario}/proc/${pid}/`, base))) files[`/proc/${pid}/${name}`] = read(`proc/${pid}/${name}`);
  }
  // find names the fd tables it could not open; the others were readable (kernel threads' are empty).
  const gone = new Set<string>();
  const refused = new Set<string>();
  for (const line of lines(read('fd-links.stderr'))) {
    const match = /‘\/proc\/(\d+)\/fd’: (.*)$/.exec(line);
    if (match?.[1] === undefined) continue;
    (match[2] === 'No such file or directory' ? gone : refused).add(match[1]);
  }
  const stats: Record<string, Partial<FileStat>> = {};
  for (const line of lines(read('proc-owners'))) {
    const [uid = '', path = ''] = line.split('\t');
    if (!gone.has(path.slice('/proc/'.length))) stats[path] = { type: 'directory', uid: Number(uid), mode: 0o555 };
  }
  const pids = lines(read('proc-pids')).filter((pid) => !gone.has(pid));
  const dirs: Record<string, string[]> = { '/proc': pids };
  for (const pid of pids) if (!refused.has(pid)) dirs[`/proc/${pid}/fd`] = [];
  const links: Record<string, string> = {};
  for (const line of lines(read('fd-links'))) {
    const [path = '', target = ''] = line.split('\t');
    const slash = path.lastIndexOf('/');
    const dir = path.slice(0, slash);
    (dirs[dir] ??= []).push(path.slice(slash + 1));
    if (target !== '') links[path] = target;
  }
  return { files, dirs, stats, links };
};

/**
 * What the agent has told us about the remote tree, and what follows from it. An answer is either
 * known (possibly "absent") or unknown (`miss`: fetch it). Absence is also derived: below a path that
 * does not exist or is not a directory nothing exists, and a name missing from a listed directory
 * does not exist there.
 */
import type { FileStat } from '../host.js';
import type { AgentRecord } from './frames.js';

export const miss = Symbol('miss');
export type Answer<T> = T | undefined | typeof miss;

interface Meta {
  link: string | undefined;
  stat: FileStat | undefined;
}

/** Components of a plain absolute path (no `.` or `..`), or undefined when it is not one. */
const componentsOf = (path: string): string[] | undefined => {
  if (!path.startsWith('/') || path.includes('\0')) return undefined;
  const parts = path.split('/').filter((part) => part !== '');
  return parts.some((part) => part === '.' || part === '..') ? undefined : parts;
};

const join = (parts: readonly string[]): string => `/${parts.join('/')}`;

/** `/.` or `/..` as a whole component. */
const dotComponent = /\/\.\.?(?:\/|$)/;

/**
 * The path written plainly (one `/` between components, none at the end, no `.` or `..`), or
 * undefined when it is not a plain absolute path. Most paths asked for already are: they are
 * returned as they are, without splitting them.
 */
const plainPath = (path: string): string | undefined => {
  if (path.startsWith('/') && !path.includes('//') && !path.includes('\0') && (path.length === 1 || !path.endsWith('/')) && !dotComponent.test(path))
    return path;
  const parts = componentsOf(path);
  return parts === undefined ? undefined : join(parts);
};

/** Where the last component of a plain path starts (after its `/`); 0 for `/` itself. */
const lastSlash = (plain: string): number => (plain.length <= 1 ? -1 : plain.lastIndexOf('/'));

/** The directory holding a plain path (`/` for a top-level name). */
const parentOf = (plain: string, slash: number): string => (slash === 0 ? '/' : plain.slice(0, slash));

export class RemoteTreeCache {
  private readonly meta = new Map<string, Meta | undefined>();
  private readonly contents = new Map<string, Buffer | undefined | 'big'>();
  private readonly listings = new Map<string, string[] | undefined>();
  private readonly listingSets = new Map<string, Set<string>>();
  /** Reads the remote side refused for lack of permission (op + path): unknown, not absent. */
  private readonly refused = new Set<string>();

  /**
   * Whether the agent could not read `path` (`f` content, `d` listing, `s` metadata or link) for lack
   * of permission, or could not reach it: a path below one it could not look up is unknown too, not
   * absent (what derivedAbsent would otherwise conclude).
   */
  denied(op: 'f' | 'd' | 's', path: string): boolean {
    // Nothing was refused (an audit as root, most reads of a session): no path to build and look up.
    if (this.refused.size === 0) return false;
    if (this.refused.has(`${op} ${path}`)) return true;
    const plain = plainPath(path);
    if (plain === undefined) return false;
    // The path itself, then each directory above it (but `/`), nearest first.
    for (let at = plain; at.length > 1; at = parentOf(at, lastSlash(at))) {
      // Its lookup was refused (no metadata at all), so nothing below it could be seen either.
      if (this.refused.has(`s ${at}`) && this.meta.has(at) && this.meta.get(at) === undefined) return true;
    }
    return false;
  }

  add(records: readonly AgentRecord[]): void {
    for (const record of records) {
      switch (record.tag) {
        case 'A':
          this.meta.set(record.path, undefined);
          // Not there, or not reachable (a directory above it refused): only the agent can tell.
          if (record.denied === true) this.refused.add(`s ${record.path}`);
          break;
        case 'M':
          this.meta.set(record.path, { link: record.link, stat: record.stat });
          if (record.linkDenied === true) this.refused.add(`s ${record.path}`);
          break;
        case 'C':
          this.contents.set(record.path, record.status === 'ok' ? record.bytes : record.status === 'big' ? 'big' : undefined);
          if (record.status === 'denied') this.refused.add(`f ${record.path}`);
          break;
        case 'L':
          this.listings.set(record.path, record.names);
          if (record.denied === true) this.refused.add(`d ${record.path}`);
          // Its set of names is made when a path below it is first looked up (derivedAbsent).
          this.listingSets.delete(record.path);
          break;
        case 'H':
        case 'X':
        case 'E':
          break;
      }
    }
  }

  /** True when `path` certainly does not exist, judging from what is known about its ancestors. */
  derivedAbsent(path: string): boolean {
    const plain = plainPath(path);
    if (plain === undefined) return false;
    // Each directory above the path, nearest first, `/` last, with the name of the child below it.
    for (let below = plain, slash = lastSlash(below); slash >= 0; below = parentOf(below, slash), slash = lastSlash(below)) {
      const ancestor = parentOf(below, slash);
      const names = this.namesIn(ancestor);
      if (names !== undefined && !names.has(below.slice(slash + 1))) return true;
      if (this.meta.has(ancestor)) {
        const stat = this.meta.get(ancestor)?.stat;
        if (stat === undefined || stat.type !== 'directory') return true;
      }
    }
    return false;
  }

  /** The names listed in a directory, as a set; undefined when it was not listed (or could not be). */
  private namesIn(directory: string): Set<string> | undefined {
    let names = this.listingSets.get(directory);
    if (names === undefined) {
      const listed = this.listings.get(directory);
      if (listed === undefined) return undefined;
      names = new Set(listed);
      this.listingSets.set(directory, names);
    }
    return names;
  }

  /** Known for the path itself, or derived absent. */
  private lookup<T>(map: ReadonlyMap<string, T>, path: string): Answer<T> {
    if (map.has(path)) return map.get(path);
    return this.derivedAbsent(path) ? undefined : miss;
  }

  stat(path: string): Answer<FileStat> {
    const meta = this.lookup(this.meta, path);
    return meta === miss ? miss : meta?.stat;
  }

  readLink(path: string): Answer<string> {
    const meta = this.lookup(this.meta, path);
    return meta === miss ? miss : meta?.link;
  }

  readFile(path: string): Answer<Buffer> {
    const content = this.lookup(this.contents, path);
    if (content === 'big') return miss;
    if (content !== miss) return content;
    // Known not to be a regular file: no content, as a local read would answer.
    const meta = this.meta.get(path);
    if (this.meta.has(path) && (meta?.stat === undefined || meta.stat.type !== 'file')) return undefined;
    return miss;
  }

  readDir(path: string): Answer<string[]> {
    const names = this.lookup(this.listings, path);
    if (names !== miss) return names === undefined ? undefined : [...names];
    const meta = this.meta.get(path);
    if (this.meta.has(path) && meta?.stat?.type !== 'directory') return undefined;
    return miss;
  }
}

/**
 * The rows an audit keeps until its reports are written, one per host, by the host's index. In
 * memory for a library caller and tests; spilled to the audit's report store for `charter audit`:
 * each row written there as JSON text once its host is counted, read back (a new copy at every
 * read) when the reporters go through the hosts. What stays in memory per host is then two numbers
 * and a hash, not an object graph: 30,000 rows held as objects (their paths, names, identities, the
 * readers of their reports) cost the main thread about 1 KB each, and the young generation grows
 * with what survives it.
 */
import type { HostResult } from './model.js';
import type { ReportStore, TextPlace } from './report-store.js';
import { machineKey } from './same-machine.js';
import { attachStoredPlace, reportPlaces } from './stored-report.js';

export interface AuditRows {
  /** Keep the row of host `index`, replacing the one kept before. A spilled row's report must be stored by place (attachStoredPlace). */
  keep(index: number, row: HostResult): void;
  /** The row of host `index`, undefined when none was kept; a spilled row is read back, a new object at every call. */
  row(index: number): HostResult | undefined;
  /**
   * Indexes, in order, of the rows that may be one machine seen twice (see same-machine.ts): at
   * least every checked row that shares its machine key with another row.
   */
  sameMachineCandidates(): number[];
  /** The rows but `dropped`, in index order. */
  list(dropped: ReadonlySet<number>): HostResult[];
}

/** Rows as objects in an array. */
export const memoryRows = (count: number): AuditRows => {
  const rows = new Array<HostResult>(count);
  return {
    keep: (index, row) => {
      rows[index] = row;
    },
    row: (index) => rows[index],
    sameMachineCandidates: () => rows.flatMap((row, index) => (machineKey(row) === undefined ? [] : [index])),
    list: (dropped) => (dropped.size === 0 ? rows : rows.filter((_, index) => !dropped.has(index))),
  };
};

/** FNV-1a of a text, never 0 (0: no machine key). */
const hash32 = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h === 0 ? 1 : h;
};

/** A row as written to the store: its own keys in order, its report as the place of its text `[at, length]`. */
const rowText = (row: HostResult): string => {
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(row)) {
    if (key !== 'report') {
      plain[key] = (row as unknown as Record<string, unknown>)[key];
      continue;
    }
    const place = reportPlaces.get(row);
    if (place === undefined) throw new Error(`the row of ${row.source} holds its report, not the place of it in the store`);
    plain[key] = [place.at, place.length];
  }
  return JSON.stringify(plain);
};

/** Rows written to `store` as text; what memory keeps per host: where its row is, and its machine key's hash. */
export const spilledRows = (count: number, store: ReportStore & Required<Pick<ReportStore, 'append' | 'read'>>): AuditRows => {
  const at = new Float64Array(count);
  // 0: no row kept (a row's text is never empty).
  const length = new Uint32Array(count);
  const keys = new Int32Array(count);
  const row = (index: number): HostResult | undefined => {
    const size = length[index] ?? 0;
    if (size === 0) return undefined;
    const result = JSON.parse(store.read({ at: at[index] ?? 0, length: size })) as HostResult & { report?: unknown };
    const place = result.report;
    if (Array.isArray(place)) attachStoredPlace(result, store, { at: Number(place[0]), length: Number(place[1]) });
    return result;
  };
  return {
    keep: (index, result) => {
      if (index < 0 || index >= count) throw new RangeError(`row ${String(index)} of ${String(count)}`);
      const place: TextPlace = store.append(rowText(result));
      at[index] = place.at;
      length[index] = place.length;
      const key = machineKey(result);
      keys[index] = key === undefined ? 0 : hash32(key);
    },
    row,
    sameMachineCandidates: () => {
      const sorted = keys.slice().sort();
      const repeated = new Set<number>();
      for (let i = 1; i < sorted.length; i += 1) if (sorted[i] !== 0 && sorted[i] === sorted[i - 1]) repeated.add(sorted[i] ?? 0);
      const candidates: number[] = [];
      if (repeated.size === 0) return candidates;
      keys.forEach((key, index) => {
        if (repeated.has(key)) candidates.push(index);
      });
      return candidates;
    },
    list: (dropped) => {
      let kept: Uint32Array | undefined;
      if (dropped.size > 0) {
        kept = new Uint32Array(count - dropped.size);
        let n = 0;
        for (let index = 0; index < count; index += 1) if (!dropped.has(index)) kept[n++] = index;
      }
      const size = kept === undefined ? count : kept.length;
      return rowList(size, (i) => row(kept === undefined ? i : (kept[i] ?? -1)));
    },
  };
};

/**
 * A read-only array of `size` rows, each read when it is asked for (`at`): what the reporters and
 * library callers go through like any array (indexes, length, iteration, map, filter, JSON).
 */
const rowList = (size: number, at: (i: number) => HostResult | undefined): HostResult[] => {
  const indexOf = (key: string | symbol): number | undefined => {
    if (typeof key !== 'string') return undefined;
    const n = Number(key);
    return Number.isInteger(n) && n >= 0 && n < size && String(n) === key ? n : undefined;
  };
  const readOnly = (): boolean => {
    throw new TypeError("an audit's rows are read only");
  };
  return new Proxy(new Array<HostResult>(size), {
    get: (target, key, receiver) => {
      const index = indexOf(key);
      return index === undefined ? (Reflect.get(target, key, receiver) as unknown) : at(index);
    },
    has: (target, key) => indexOf(key) !== undefined || Reflect.has(target, key),
    getOwnPropertyDescriptor: (target, key) => {
      const index = indexOf(key);
      return index === undefined ? Reflect.getOwnPropertyDescriptor(target, key) : { value: at(index), writable: false, enumerable: true, configurable: true };
    },
    ownKeys: (target) => [...Array.from({ length: size }, (_, i) => String(i)), ...Reflect.ownKeys(target)],
    set: readOnly,
    defineProperty: readOnly,
    deleteProperty: readOnly,
  });
};

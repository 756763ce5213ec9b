import { isDeepStrictEqual } from 'node:util';

/**
 * Work shared between the hosts of one run. A fleet has the same apps and the same policy on
 * thousands of machines: what a catalog says of an identifier, what metadata makes of a group of
 * installed apps, a web app's id, a probe's reason as a catalogued message, an expectation in
 * words, is computed once per distinct input and reused.
 *
 * A memo belongs to a run (one audit, one worker thread of it, one check): it is made by whoever
 * starts the run and passed in the context of derived probes and evaluation, so nothing outlives
 * the run. Each table is keyed by the exact inputs that decide its value (never a name alone) and
 * bounded: when full it starts again, so a fleet of all-different machines costs memory in
 * proportion to the bound, not to the fleet. A hit and a miss give the same value.
 */

/** One table of a memo: `make` runs only for a key not seen yet (since the table last filled up). */
export interface MemoTable<V> {
  get(key: string, make: () => V): V;
  readonly size: number;
}

/** What a run's memo holds: one value per slot, made on first use. */
export interface RunMemo {
  slot<T>(key: MemoSlot<T>): T;
  /**
   * Whether the run's hosts share whole values too: a snapshot's probe outcomes read once per
   * distinct text, derived outcomes and findings computed once per distinct input (see `share`).
   * Off, each host is read, derived and evaluated on its own (what the sharing is tested against).
   */
  readonly sharing: boolean;
}

/** A kind of shared work; its identity (not its name) tells slots apart. */
export interface MemoSlot<T> {
  readonly name: string;
  readonly make: () => T;
}

export const memoSlot = <T>(name: string, make: () => T): MemoSlot<T> => ({ name, make });

/** A memo for one run; `sharing: false` keeps every host's values its own (see RunMemo.sharing). */
export const runMemo = ({ sharing = true }: { sharing?: boolean } = {}): RunMemo => {
  const slots = new Map<MemoSlot<unknown>, { value: unknown }>();
  return {
    sharing,
    slot: <T>(key: MemoSlot<T>): T => {
      let held = slots.get(key);
      if (held === undefined) {
        held = { value: key.make() };
        slots.set(key, held);
      }
      // The map pairs each slot with the value its own `make` returned.
      return held.value as T;
    },
  };
};

/** Default bound of a table: more than the distinct apps of a large fleet, and at most a few tens of MB of keys and values. */
export const defaultMemoEntries = 10_000;

/** A bounded table: when `max` keys are held, the next new key empties it first. */
export const memoTable = <V>(max = defaultMemoEntries): MemoTable<V> => {
  let values = new Map<string, V>();
  return {
    get: (key, make) => {
      const known = values.get(key);
      if (known !== undefined || values.has(key)) return known as V;
      const value = make();
      if (values.size >= max) values = new Map();
      values.set(key, value);
      return value;
    },
    get size() {
      return values.size;
    },
  };
};

/**
 * Values shared between hosts: deep-frozen, so that no consumer can change another host's value,
 * and each given a number, so that a key can name a value by identity. A shared value is only ever
 * made from exactly the input that identifies it (a probe outcome's text, a derivation's shared
 * inputs): two hosts hold the same shared value only when what decides it is the same.
 */
const sharedIds = new WeakMap<object, number>();
let nextSharedId = 1;

/** `value` frozen all the way down and marked shared; returned as is. */
export const share = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null || sharedIds.has(value)) return value;
  freezeDeep(value);
  sharedIds.set(value, nextSharedId);
  nextSharedId += 1;
  return value;
};

const freezeDeep = (value: object): void => {
  if (Object.isFrozen(value)) return;
  for (const inner of Object.values(value) as unknown[]) if (typeof inner === 'object' && inner !== null) freezeDeep(inner);
  Object.freeze(value);
};

/**
 * Numbers for objects by identity, for the keys of shared work (a run's catalog, a messages table):
 * the same object always gets the same number, another object another one.
 */
export const identityNumbers = (): ((value: object) => number) => {
  const ids = new WeakMap<object, number>();
  let last = 0;
  return (value) => {
    let id = ids.get(value);
    if (id === undefined) {
      last += 1;
      id = last;
      ids.set(value, id);
    }
    return id;
  };
};

/** The number of a shared value; undefined for anything else (a value of one host alone). */
export const sharedId = (value: unknown): number | undefined => (typeof value === 'object' && value !== null ? sharedIds.get(value) : undefined);

/** Instants in ms since the epoch: from `from` (included) to `until` (excluded). */
export interface TimeSpan {
  readonly from: number;
  readonly until: number;
}

/**
 * The time as a computation reads it: `now()`, or `nowWithin(span)` for a result that stays the
 * same at every time of the span it names (the reader works out the span from the time it reads:
 * steadySpan). A plain Date gives both.
 */
export interface Clock {
  now: () => Date;
  nowWithin: (span: (now: Date) => TimeSpan) => Date;
}

/** A Clock of one time. */
export const fixedClock = (at: Date): Clock => ({ now: () => at, nowWithin: () => at });

/**
 * A clock that says whether it was read: a computation given `now` through it, and that did not
 * read it, gives the same value whatever the time (it is a function of its other inputs alone).
 * One that read it only through `nowWithin` gives the same value at any time of `span` (the spans
 * it named, intersected): it is a function of its other inputs there.
 */
export interface WatchedClock extends Clock {
  /** Read through `now()`, or through a span that did not hold the time read. */
  readonly read: boolean;
  /** Where every `nowWithin` read holds; unbounded when there was none. */
  readonly span: TimeSpan;
}

export const watchedClock = (at: Date): WatchedClock => {
  let read = false;
  let from = -Infinity;
  let until = Infinity;
  const t = at.getTime();
  return {
    now: () => {
      read = true;
      return at;
    },
    nowWithin: (span) => {
      const held = span(at);
      if (!(held.from <= t && t < held.until)) read = true;
      from = Math.max(from, held.from);
      until = Math.min(until, held.until);
      return at;
    },
    get read() {
      return read;
    },
    get span() {
      return { from, until };
    },
  };
};

/** How far steadySpan looks on each side of the time: past it, a span ends there. */
export const steadyReach = 400 * 86_400_000;

/**
 * The span around `at` (ms) where `level` stays what it is at `at`, for a `level` that never
 * decreases as time goes on (an age in days, whether a limit has passed): found by bisection
 * (about 40 calls of `level`), so the span is exactly where the level is the same, whatever
 * rounding the level itself does. It reaches at most `steadyReach` each side.
 */
export const steadySpan = (at: number, level: (ms: number) => number): TimeSpan => {
  const here = level(at);
  // The first ms at the level (from below), then the first ms past it (from above).
  let low = at - steadyReach;
  let high = at;
  if (level(low) === here) return { from: low, until: upper(at, here, level) };
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (level(middle) === here) high = middle;
    else low = middle;
  }
  return { from: high, until: upper(at, here, level) };
};

const upper = (at: number, here: number, level: (ms: number) => number): number => {
  let low = at;
  let high = at + steadyReach;
  if (level(high) === here) return high;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (level(middle) === here) low = middle;
    else high = middle;
  }
  return high;
};

/**
 * One value for each content: the first shared value of a content stands for every later value
 * whose content is equal, so that what is keyed by a value's identity (findings by their outcomes',
 * evaluate.ts sharedFinding) is found again when different inputs give the same value (a list of
 * installed apps with one more library: the same apps derived). Equal is equal JSON text and deep
 * strict equality (util.isDeepStrictEqual: -0, undefined members and prototypes told apart), so a
 * value is only ever replaced by one that no consumer can tell from it. Bounded like a memo table.
 * `same(value)` gives the value held for that content (shared), or `value` itself.
 */
export const sameContent = <V>(max = sharedValueEntries): ((value: V) => V) => {
  const table = memoTable<V>(max);
  return (value) => {
    const text = JSON.stringify(value);
    if (typeof text !== 'string') return value;
    const held = table.get(text, () => value);
    return held === value || isDeepStrictEqual(held, value) ? held : value;
  };
};

/**
 * Values computed once per distinct key and shared (`share`), where the computation may also read
 * the time: a value made without reading it is good for every time, and kept; a value that read
 * it only through `nowWithin` is good for every time of its span, and kept for those (a few spans
 * per key: a fleet's collection dates); a value that read it otherwise is the caller's alone (each
 * host of a fleet has its own collection time), neither kept nor shared. `make` gets the time and a
 * clock and must read the time through them only. With `same` (sameContent), a value kept for every
 * time is the one held for its content.
 */
export interface TimedTable<V> {
  get(key: string, at: Date, make: (now: () => Date, clock: Clock) => V): V;
}

/** At most this many spans kept per key (the newest): a fleet collected over two months, a value per day. */
export const spansPerKey = 64;

/**
 * At most this many spans kept in one table, all keys together: past it, every key's spans are
 * dropped (made again as hosts ask), so a fleet of all-different machines and dates costs memory
 * in proportion to the bound, not to the fleet.
 */
export const spansPerTable = 1024;

/**
 * Default bound of a table of shared values: its keys name outcomes by identity, and an outcome
 * the snapshot reader no longer holds is never seen again, so more entries would mostly hold the
 * past (a fleet's images are a few dozen; its distinct app lists, some thousands).
 */
export const sharedValueEntries = 256;

export const timedTable = <V>(max = sharedValueEntries, same?: (value: V) => V): TimedTable<V> => {
  // A key whose value read the time holds the values made for spans of time (none when it was read plainly).
  type Spans = { span: TimeSpan; value: V }[];
  type Held = { value: V } | { spans: Spans };
  const table = memoTable<Held>(max);
  // The keys' lists that hold spans, to empty them all when the table holds too many (spansPerTable).
  let lists: Spans[] = [];
  let held = 0;
  return {
    get: (key, at, make) => {
      let made: { value: V; clock: WatchedClock } | undefined;
      const run = (): { value: V; clock: WatchedClock } => {
        const clock = watchedClock(at);
        return { value: make(clock.now, clock), clock };
      };
      const entry = table.get(key, (): Held => {
        made = run();
        if (made.clock.read || made.clock.span.from !== -Infinity || made.clock.span.until !== Infinity) return { spans: [] };
        const value = share(made.value);
        return { value: same === undefined ? value : same(value) };
      });
      if ('value' in entry) return entry.value;
      const t = at.getTime();
      for (const kept of entry.spans) if (kept.span.from <= t && t < kept.span.until) return kept.value;
      // Made just now (the first time), or again for this caller.
      made ??= run();
      if (made.clock.read) return made.value;
      const value = share(made.value);
      if (held >= spansPerTable) {
        for (const list of lists) list.length = 0;
        // Lists of keys the table no longer holds are let go too.
        lists = [];
        held = 0;
      }
      if (entry.spans.length >= spansPerKey) {
        entry.spans.shift();
        held -= 1;
      }
      // Listed while it holds spans: at most one list per span held.
      if (entry.spans.length === 0) lists.push(entry.spans);
      entry.spans.push({ span: made.clock.span, value });
      held += 1;
      return value;
    },
  };
};

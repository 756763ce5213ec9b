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
}

/** A kind of shared work; its identity (not its name) tells slots apart. */
export interface MemoSlot<T> {
  readonly name: string;
  readonly make: () => T;
}

export const memoSlot = <T>(name: string, make: () => T): MemoSlot<T> => ({ name, make });

/** A memo for one run. */
export const runMemo = (): RunMemo => {
  const slots = new Map<MemoSlot<unknown>, { value: unknown }>();
  return {
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

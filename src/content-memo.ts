/**
 * What probes compute from contents the hosts of a run share, computed once per run (src/run-memo.ts).
 * An ssh audit hands every host the very Buffer another host already received for the same big
 * content (hosts/ssh/content-store.ts), and decodes each Buffer once (hosts/host.ts, readText): a
 * parse of that text, or a computation from such parses, is the same for every host that has it.
 *
 * Two ways to name the input, both exact:
 * - `fromContent`: one Buffer, by identity (a WeakMap: the value goes with the Buffer; another
 *   Buffer with the same bytes, another read, is computed again, never taken for it);
 * - `fromShared`: several inputs, each a value of this memo or another shared value (by identity,
 *   numbered) or a string, number, boolean or null (by value); bounded like a memo table.
 *
 * The values are shared between hosts: frozen all the way down (run-memo.ts, share), so that a host
 * that tried to change one would fail loudly rather than change another host's facts. Without a
 * memo (a probe run alone, a check), `compute` runs for the caller alone and nothing is kept.
 */
import { identityNumbers, memoSlot, memoTable, share, type MemoSlot, type MemoTable, type RunMemo } from './run-memo.js';

interface Held<T> {
  readonly byContent: WeakMap<Buffer, T>;
  readonly byInputs: MemoTable<T>;
}

/** One kind of value computed from contents (a parse, a computation from parses): its place in a run's memo. */
export type ContentKind<T> = MemoSlot<Held<T>>;

/**
 * Entries kept per kind for several inputs (`fromShared`): a fleet has a few images, not thousands.
 * A value may be an index of a few hundred KB (the tagged entries of a machine's apt lists): 64 of
 * them at most, whatever the fleet.
 */
export const sharedInputEntries = 64;

export const contentKind = <T>(name: string): ContentKind<T> =>
  memoSlot(`content: ${name}`, () => ({ byContent: new WeakMap<Buffer, T>(), byInputs: memoTable<T>(sharedInputEntries) }));

/** Numbers for the objects named in `fromShared` keys, per run. */
const numbersSlot = memoSlot('content: input numbers', identityNumbers);

/** The value of `compute()` for the content `bytes`: once per run and Buffer, shared. */
export const fromContent = <T>(memo: RunMemo | undefined, kind: ContentKind<T>, bytes: Buffer, compute: () => T): T => {
  if (memo === undefined) return compute();
  const held = memo.slot(kind).byContent;
  if (held.has(bytes)) return held.get(bytes) as T;
  const value = share(compute());
  held.set(bytes, value);
  return value;
};

/** An input of `fromShared`: an object by identity (it must not change: a shared value), anything else by value. */
export type SharedInput = object | string | number | boolean | null;

/**
 * The value of `compute()` for `inputs` (in order): once per run and distinct inputs, shared. Objects
 * are told apart by identity, so they must be values that never change (shared ones: frozen).
 */
export const fromShared = <T>(memo: RunMemo | undefined, kind: ContentKind<T>, inputs: readonly SharedInput[], compute: () => T): T => {
  if (memo === undefined) return compute();
  const number = memo.slot(numbersSlot);
  const key = inputs.map((input) => (typeof input === 'object' && input !== null ? `#${String(number(input))}` : `=${JSON.stringify(input)}`)).join('\n');
  return memo.slot(kind).byInputs.get(key, () => share(compute()));
};

/**
 * The leaner encoding of snapshotVersion 2: in each probe outcome, every fact that is a list of
 * records (the installed apps, sockets, volumes, ...) is written as rows of values against shapes
 * the outcome lists once, instead of repeating every key in every record. A shape is the record's
 * keys in their order; a key whose value is the same in most records of that shape (`"source":
 * "dpkg"`, `"user": null`) carries the value in the shape, so the rows omit it; a key whose value
 * is itself a list of records holds rows too (an app's metadata).
 *
 *   "facts": { "apps": [[0, "adduser", "3.134", "adduser:all"], ...], "count": 87 },
 *   "packed": { "facts": ["apps"], "shapes": [["name", "version", ["source", "dpkg"], ["user", null], "id"]] }
 *
 * A shape entry is `"key"` (the row's next value), `["key", value]` (this value, a string, number,
 * boolean or null, in every record of the shape) or `["key"]` (the row's next value is a list of
 * rows). Rows start with their shape's index. Decoding gives back every record with the same keys
 * in the same order and the same values: the facts are exactly the ones the probes returned.
 */
import type { Json, JsonObject } from '../model.js';

type Scalar = string | number | boolean | null;
/** `"key"`: a value from the row; `["key"]`: rows from the row; `["key", value]`: the shape's value. */
export type ShapeEntry = string | [string] | [string, Scalar];

/** What an outcome says about its packed facts (the `packed` key of a version 2 outcome). */
export interface Packed {
  /** The keys of `facts` whose values are rows. */
  facts: string[];
  shapes: ShapeEntry[][];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown): value is Scalar => value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** A list worth packing: records, at least one. */
const isRecordList = (value: unknown): value is JsonObject[] => Array.isArray(value) && value.length > 0 && value.every(isRecord);

/** `object[key] = value`, as an own property even for `__proto__` (as JSON.parse makes it). */
const put = (object: Record<string, unknown>, key: string, value: unknown): void => {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
};

/** A scalar as a map key: its type and value (JSON.stringify tells "1" from 1 and null from "null"). */
const scalarKey = (value: Scalar): string => JSON.stringify(value);

/**
 * The facts of one outcome, packed: the same facts object when none is a list of records, else a
 * copy with those lists as rows, and the `packed` description.
 */
export const packFacts = (facts: JsonObject): { facts: JsonObject; packed?: Packed } => {
  const lists = Object.keys(facts).filter((key) => isRecordList(facts[key]));
  if (lists.length === 0) return { facts };
  // First: per set of keys (in order), how often each key has each scalar value, over every record
  // that becomes a row (the nested ones too).
  const counts = new Map<string, Map<string, Map<string, number>>>();
  const count = (records: readonly JsonObject[]): void => {
    for (const record of records) {
      const keys = Object.keys(record);
      const signature = JSON.stringify(keys);
      let byKey = counts.get(signature);
      if (byKey === undefined) counts.set(signature, (byKey = new Map<string, Map<string, number>>()));
      for (const key of keys) {
        const value = record[key];
        if (isRecordList(value)) count(value);
        else if (isScalar(value)) {
          let values = byKey.get(key);
          if (values === undefined) byKey.set(key, (values = new Map<string, number>()));
          const at = scalarKey(value);
          values.set(at, (values.get(at) ?? 0) + 1);
        }
      }
    }
  };
  for (const key of lists) count(facts[key] as JsonObject[]);
  // The value each key has most often in records of its set of keys, when it has it twice or more.
  const common = new Map<string, Map<string, string>>();
  for (const [signature, byKey] of counts) {
    const chosen = new Map<string, string>();
    for (const [key, values] of byKey) {
      let best: string | undefined;
      let most = 1;
      for (const [value, n] of values) {
        if (n > most) {
          best = value;
          most = n;
        }
      }
      if (best !== undefined) chosen.set(key, best);
    }
    common.set(signature, chosen);
  }
  const shapes: ShapeEntry[][] = [];
  const shapeIndex = new Map<string, number>();
  const rowsOf = (records: readonly JsonObject[]): Json[] =>
    records.map((record) => {
      const keys = Object.keys(record);
      const chosen = common.get(JSON.stringify(keys));
      const shape: ShapeEntry[] = [];
      const row: Json[] = [0];
      for (const key of keys) {
        const value = record[key] as Json;
        if (isRecordList(value)) {
          shape.push([key]);
          row.push(rowsOf(value));
        } else if (isScalar(value) && chosen?.get(key) === scalarKey(value)) {
          shape.push([key, value]);
        } else {
          shape.push(key);
          row.push(value);
        }
      }
      const signature = JSON.stringify(shape);
      let index = shapeIndex.get(signature);
      if (index === undefined) {
        index = shapes.length;
        shapes.push(shape);
        shapeIndex.set(signature, index);
      }
      row[0] = index;
      return row;
    });
  const packed: JsonObject = {};
  for (const key of Object.keys(facts)) put(packed, key, lists.includes(key) ? rowsOf(facts[key] as JsonObject[]) : facts[key]);
  return { facts: packed, packed: { facts: lists, shapes } };
};

/** A shape ready to build records: its keys, what each is (0 a value, 1 rows, 2 the shape's value), and how long its rows are. */
interface Builder {
  keys: string[];
  kinds: number[];
  fixed: Json[];
  rowLength: number;
  odd: boolean;
}

/** Why `packed` is not a well-formed `packed` description (its shapes), or undefined. Cheap: a few shapes. */
export const packedProblem = (packed: unknown): string | undefined => {
  if (!isRecord(packed)) return 'must be an object with "facts" and "shapes"';
  for (const key in packed) if (key !== 'facts' && key !== 'shapes') return `unknown key "${key}"`;
  const { facts, shapes } = packed;
  if (!Array.isArray(facts) || !facts.every((key) => typeof key === 'string')) return '"facts" must be a list of fact names';
  if (new Set(facts).size !== facts.length) return '"facts" names a fact twice';
  if (!Array.isArray(shapes)) return '"shapes" must be a list of shapes';
  for (let index = 0; index < shapes.length; index += 1) {
    const shape: unknown = shapes[index];
    if (!Array.isArray(shape)) return `shape ${String(index)} must be a list of keys`;
    const seen = new Set<string>();
    for (const entry of shape as unknown[]) {
      const key = typeof entry === 'string' ? entry : Array.isArray(entry) ? (entry as unknown[])[0] : undefined;
      const wellFormed =
        typeof entry === 'string' ||
        (Array.isArray(entry) && typeof key === 'string' && (entry.length === 1 || (entry.length === 2 && isScalar((entry as unknown[])[1]))));
      if (!wellFormed || typeof key !== 'string')
        return `shape ${String(index)}: an entry must be "key", ["key"] or ["key", value] (value a string, number, boolean or null)`;
      if (seen.has(key)) return `shape ${String(index)} names "${key}" twice`;
      seen.add(key);
    }
  }
  return undefined;
};

/** Raised while unpacking: where below the outcome (`facts.apps.3`, `packed`), and what is wrong. */
export class PackingError extends Error {
  override readonly name = 'PackingError';
}

const buildersOf = (shapes: readonly ShapeEntry[][]): Builder[] =>
  shapes.map((shape) => {
    const builder: Builder = { keys: [], kinds: [], fixed: [], rowLength: 1, odd: false };
    for (const entry of shape) {
      if (typeof entry === 'string') {
        builder.keys.push(entry);
        builder.kinds.push(0);
        builder.fixed.push(null);
        builder.rowLength += 1;
      } else if (entry.length === 1) {
        builder.keys.push(entry[0]);
        builder.kinds.push(1);
        builder.fixed.push(null);
        builder.rowLength += 1;
      } else {
        builder.keys.push(entry[0]);
        builder.kinds.push(2);
        builder.fixed.push(entry[1]);
      }
    }
    builder.odd = builder.keys.includes('__proto__');
    return builder;
  });

/**
 * Records a run has already built, for the outcomes of other snapshots that hold the same rows (a
 * fleet's installed-apps lists differ by an app or two): a record is a function of its row and the
 * shapes the row is read against, and nothing else, so the same row against the same shapes is the
 * same record. Who keeps them makes them immutable (run-memo.ts, share).
 */
export interface RecordMemo {
  /** A number for a text: the same number for the same text, never for another. */
  textId(text: string): number;
  /**
   * The record of `row` read against the shape `shape` names (shapeKeys): the one held for a row
   * whose values from index `from` on are equal (sameValues), `make` run only when none is held.
   */
  record(shape: string, row: readonly unknown[], from: number, make: () => JsonObject): JsonObject;
}

/**
 * Whether two parsed JSON values have the same JSON text: the same scalars (=== : the one value
 * JSON text does not tell apart, -0 from 0, compares equal too), lists of the same values, objects
 * with the same keys in the same order and the same values. Cheaper than writing both out.
 */
export const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  const others = Object.keys(b);
  if (keys.length !== others.length) return false;
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    if (key !== others[i] || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
};

/** Whether two rows have the same values from index `from` on (sameJson each), and as many. */
export const sameValues = (a: readonly unknown[], b: readonly unknown[], from: number): boolean => {
  if (a.length !== b.length) return false;
  for (let i = from; i < a.length; i += 1) if (!sameJson(a[i], b[i])) return false;
  return true;
};

/**
 * What a row is read against, as a key: its own shape, or the whole list of shapes when the shape
 * has rows inside (their shapes are the list's), each a number of a RecordMemo (`S` and `L` keep a
 * shape's text apart from a list's). Adding a shape to an outcome does not change the others' keys.
 */
const shapeKeys = (shapes: readonly ShapeEntry[][], memo: RecordMemo): string[] => {
  let list: string | undefined;
  return shapes.map((shape) =>
    shape.some((entry) => Array.isArray(entry) && entry.length === 1)
      ? (list ??= `L${String(memo.textId(`L${JSON.stringify(shapes)}`))}`)
      : `S${String(memo.textId(`S${JSON.stringify(shape)}`))}`,
  );
};

/**
 * The record of a top-level row, from `memo`: read against the shape it names (shapeKeys), by its
 * values; for a row read against its own shape, without the shape's index (where the shape is in
 * the list does not change the record). A row that names no shape is made (it throws), never held.
 */
const heldRecord = (memo: RecordMemo, keys: readonly string[], row: unknown, make: () => JsonObject): JsonObject => {
  const shape = Array.isArray(row) && typeof row[0] === 'number' ? keys[row[0]] : undefined;
  if (shape === undefined || !Array.isArray(row)) return make();
  return memo.record(shape, row, shape.startsWith('L') ? 0 : 1, make);
};

/**
 * The facts of a version 2 outcome as the probe returned them. `packed` is checked here too (cheap),
 * unless `checked` says packedProblem already accepted it; the rows are checked as they are read (a
 * shape that exists, as many values as the shape takes). Throws PackingError. Values are taken as
 * they are (the snapshot's limits were checked on the whole file). With `records`, each record of a
 * packed fact is taken from there when a row of the same text was read against the same shape
 * before (shapeKeys, and the row's values: equal JSON texts, equal values; the one value JSON text
 * does not tell apart, -0 from 0, no comparison, operator or output does either). A row that does
 * not fit its shape is never held: it throws, as without.
 */
export const unpackFacts = (
  facts: Record<string, unknown>,
  packed: Packed,
  { checked = false, records: memo }: { checked?: boolean; records?: RecordMemo } = {},
): JsonObject => {
  const problem = checked ? undefined : packedProblem(packed);
  if (problem !== undefined) throw new PackingError(`packed: ${problem}`);
  const builders = buildersOf(packed.shapes);
  const keys = memo === undefined ? [] : shapeKeys(packed.shapes, memo);
  const recordsOf = (rows: unknown, where: string, top = false): JsonObject[] => {
    if (!Array.isArray(rows)) throw new PackingError(`${where}: must be a list of rows`);
    const records: JsonObject[] = new Array<JsonObject>(rows.length);
    for (let r = 0; r < rows.length; r += 1) {
      const row: unknown = rows[r];
      records[r] = top && memo !== undefined ? heldRecord(memo, keys, row, () => recordOf(row, where, r)) : recordOf(row, where, r);
    }
    return records;
  };
  const recordOf = (row: unknown, where: string, r: number): JsonObject => {
    const builder = Array.isArray(row) && typeof row[0] === 'number' ? builders[row[0]] : undefined;
    if (builder === undefined || !Array.isArray(row)) throw new PackingError(`${where}.${String(r)}: a row must start with the index of a shape`);
    if (row.length !== builder.rowLength) {
      throw new PackingError(
        `${where}.${String(r)}: shape ${String(row[0])} takes ${String(builder.rowLength - 1)} values, the row has ${String(row.length - 1)}`,
      );
    }
    const record: JsonObject = {};
    const { keys, kinds, fixed } = builder;
    let at = 1;
    for (let k = 0; k < keys.length; k += 1) {
      const key = keys[k] as string;
      const kind = kinds[k];
      const value: unknown = kind === 2 ? fixed[k] : kind === 1 ? nested(row[at++], where, r, key) : row[at++];
      if (builder.odd) put(record, key, value);
      else record[key] = value as Json;
    }
    return record;
  };
  // Rows inside a row: their place is spelled out only when something is wrong there.
  const nested = (rows: unknown, where: string, r: number, key: string): JsonObject[] => {
    try {
      return recordsOf(rows, '');
    } catch (error) {
      if (error instanceof PackingError) throw new PackingError(`${where}.${String(r)}.${key}${error.message}`);
      throw error;
    }
  };
  const listed = new Set(packed.facts);
  for (const key of listed) if (!Object.hasOwn(facts, key)) throw new PackingError(`packed.facts: "${key}" is not in the facts`);
  const unpacked: JsonObject = {};
  for (const key in facts) put(unpacked, key, listed.has(key) ? recordsOf(facts[key], `facts.${key}`, true) : facts[key]);
  return unpacked;
};

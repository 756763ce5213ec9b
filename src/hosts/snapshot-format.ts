/**
 * The snapshot file written by `charter collect` and read by the `snapshot:FILE` target and by
 * `charter audit`: the outcome of every probe on one machine, with who the machine is and when the
 * facts were collected. Described by schemas/snapshot.schema.json (versioned by snapshotVersion).
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { TargetError } from '../errors.js';
import { limits } from '../limits.js';
import type { HostCapabilities } from './host.js';
import type { Facts, IncompleteProbe, JsonObject, Platform, TargetClass } from '../model.js';
import { reasonCodes, targetClasses } from '../model.js';
import { validator } from '../policy/validators/index.js';
import type { Packed, RecordMemo } from './snapshot-packing.js';
import { packFacts, packedProblem, PackingError, sameValues, unpackFacts } from './snapshot-packing.js';
import { factsText, factsValueStart, splitSnapshot } from './snapshot-split.js';
import { defaultMemoEntries, memoSlot, memoTable, share, type RunMemo } from '../run-memo.js';

/**
 * The version this charter writes; it reads it and every earlier one. Version 2 packs the lists of
 * records in the facts (snapshot-packing.ts); version 1 holds them as they are.
 */
export const snapshotVersion = 2;
const versions: readonly unknown[] = [1, 2];

/**
 * A snapshot as charter uses it: its facts as the probes returned them, whatever version the file
 * was (a snapshot read from a file is in the current version, unpacked).
 */
export interface Snapshot {
  snapshotVersion: typeof snapshotVersion;
  tool: { name: string; version: string };
  /** ISO-8601; rules are evaluated as of this time. */
  collectedAt: string;
  platform: Platform;
  /**
   * The target the facts came from, as given to `charter collect --target`, and its class (told from
   * its content or `--target-class`; absent in snapshots written before classes).
   */
  target: { kind: string; name: string; class?: TargetClass };
  capabilities: HostCapabilities;
  /** Who the machine is; pseudonyms when `redacted`. */
  host: { name: string | null; machineId: string | null; redacted: boolean };
  /** The group (ministry, department) given to `charter collect --group`; `/` nests groups. Absent when none was given. */
  group?: string;
  /** The app catalog the probes matched installed and running apps against. */
  catalog: { file: string; sha256: string; apps: number };
  /**
   * The probes that could not see everything (error or partial), by probe id; empty when none.
   * Absent from snapshots written before it was added (their outcomes in `facts` say the same).
   */
  incomplete?: IncompleteProbe[];
  /** Every probe's outcome, by probe id. */
  facts: Facts;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const outcomeShape =
  '{ "status": "ok", "facts": {...} }, { "status": "partial", "facts": {...}, "unknown": {...} }, { "status": "unsupported", "reason": "..." } or { "status": "error", "message": "..." }';

const where = (instancePath: string): string =>
  instancePath === ''
    ? '(top level)'
    : instancePath
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .join('.');

/** ajv errors as short sentences; the branches of a oneOf collapse into one hint. */
const describeErrors = (errors: readonly ErrorObject[]): string[] => {
  const problems = new Set<string>();
  for (const error of errors) {
    // The branches' own complaints say less than the oneOf hint that sums them up.
    if (error.schemaPath.includes('/oneOf/')) continue;
    const at = where(error.instancePath);
    switch (error.keyword) {
      case 'oneOf':
        problems.add(`${at}: a probe outcome must be ${outcomeShape}`);
        break;
      case 'required':
        problems.add(`${at}: missing "${(error.params as { missingProperty: string }).missingProperty}"`);
        break;
      case 'additionalProperties':
        problems.add(`${at}: unknown key "${(error.params as { additionalProperty: string }).additionalProperty}"`);
        break;
      case 'const':
        problems.add(`${at}: must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`);
        break;
      case 'enum':
        problems.add(`${at}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`);
        break;
      default:
        problems.add(`${at}: ${error.message ?? error.keyword}`);
    }
  }
  return [...problems].slice(0, 10);
};

const hasOnly = (value: Record<string, unknown>, keys: readonly string[]): boolean => {
  for (const key in value) if (!keys.includes(key)) return false;
  return keys.every((key) => Object.hasOwn(value, key));
};
const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const collectedAtPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/u;
const sha256Pattern = /^[0-9a-f]{64}$/u;
const probeIdPattern = /^[a-z][a-z0-9-]*$/u;
const platforms: readonly unknown[] = ['linux', 'macos', 'windows'];

const snapshotKeys = ['snapshotVersion', 'tool', 'collectedAt', 'platform', 'target', 'capabilities', 'host', 'catalog', 'facts'];
/** Since `incomplete` was added; snapshots written before have none. */
const snapshotKeysNow = [...snapshotKeys, 'incomplete'];
/** With the optional `group` (`charter collect --group`). */
const snapshotKeysGroup = [...snapshotKeys, 'group'];
const snapshotKeysGroupNow = [...snapshotKeysNow, 'group'];
const keysOf = (value: Record<string, unknown>): readonly string[] =>
  Object.hasOwn(value, 'group')
    ? Object.hasOwn(value, 'incomplete')
      ? snapshotKeysGroupNow
      : snapshotKeysGroup
    : Object.hasOwn(value, 'incomplete')
      ? snapshotKeysNow
      : snapshotKeys;
/** The schema's `group`: 1 to 200 characters (code points, as the schema counts them), no control character. */
const plainGroup = (value: unknown): boolean =>
  // eslint-disable-next-line no-control-regex
  isString(value) && value.length >= 1 && (value.length <= 200 || Array.from(value).length <= 200) && !/[\u0000-\u001f\u007f]/.test(value);
const incompleteStatuses: readonly unknown[] = ['error', 'partial'];

/** The optional `incomplete` list: each entry a probe id, error or partial, and a message. */
const plainIncomplete = (list: unknown): boolean =>
  Array.isArray(list) &&
  list.every(
    (entry: unknown) =>
      isRecord(entry) &&
      hasOnly(entry, ['probe', 'status', 'message']) &&
      isString(entry.probe) &&
      probeIdPattern.test(entry.probe) &&
      incompleteStatuses.includes(entry.status) &&
      isString(entry.message),
  );

/** A version 2 outcome's `packed`, well formed (its rows are checked while unpacking). */
const plainPacked = (outcome: Record<string, unknown>, packing: boolean): boolean =>
  !Object.hasOwn(outcome, 'packed') || (packing && packedProblem(outcome.packed) === undefined);

const plainOutcome = (outcome: unknown, packing: boolean): boolean => {
  if (!isRecord(outcome)) return false;
  switch (outcome.status) {
    case 'ok':
      return isRecord(outcome.facts) && plainPacked(outcome, packing) && hasOnly(outcome, Object.hasOwn(outcome, 'packed') ? okPackedKeys : okKeys);
    case 'unsupported':
      return isString(outcome.reason) && hasOnly(outcome, ['status', 'reason']);
    case 'error':
      return (
        isString(outcome.message) &&
        (hasOnly(outcome, ['status', 'message']) || (hasOnly(outcome, ['status', 'message', 'code']) && isReasonCode(outcome.code)))
      );
    case 'partial':
      return (
        isRecord(outcome.facts) &&
        isRecord(outcome.unknown) &&
        plainPacked(outcome, packing) &&
        hasOnly(outcome, Object.hasOwn(outcome, 'packed') ? partialPackedKeys : partialKeys) &&
        Object.values(outcome.unknown).every(isUnknownReason)
      );
    default:
      return false;
  }
};

const okKeys = ['status', 'facts'];
const okPackedKeys = ['status', 'facts', 'packed'];
const partialKeys = ['status', 'facts', 'unknown'];
const partialPackedKeys = ['status', 'facts', 'unknown', 'packed'];

const isReasonCode = (value: unknown): boolean => (reasonCodes as readonly unknown[]).includes(value);
const isUnknownReason = (value: unknown): boolean =>
  isRecord(value) && hasOnly(value, ['code', 'detail']) && isReasonCode(value.code) && isString(value.detail);

/**
 * The schema (schemas/snapshot.schema.json) written out by hand, for the common case: true only
 * when every constraint holds, so a snapshot it accepts is one the schema accepts. Anything else
 * (a broken snapshot, or a schema that gained a field this function does not know yet) goes to the
 * schema validator, which says what is wrong. An audit reads thousands of snapshots: this costs a
 * few microseconds each, and the schema is compiled only when some snapshot needs it.
 */
export const plainlyValid = (value: Record<string, unknown>): boolean => {
  const { tool, target, capabilities, host, catalog, facts } = value;
  if (!(
    hasOnly(value, keysOf(value)) &&
    (!Object.hasOwn(value, 'incomplete') || plainIncomplete(value.incomplete)) &&
    (!Object.hasOwn(value, 'group') || plainGroup(value.group)) &&
    versions.includes(value.snapshotVersion) &&
    isRecord(tool) &&
    hasOnly(tool, ['name', 'version']) &&
    tool.name === 'charter' &&
    isString(tool.version) &&
    isString(value.collectedAt) &&
    collectedAtPattern.test(value.collectedAt) &&
    platforms.includes(value.platform) &&
    isRecord(target) &&
    // `class` is optional (absent in snapshots written before target classes).
    hasOnly(target, Object.hasOwn(target, 'class') ? ['kind', 'name', 'class'] : ['kind', 'name']) &&
    isString(target.kind) &&
    isString(target.name) &&
    (target.class === undefined || (targetClasses as readonly unknown[]).includes(target.class)) &&
    isRecord(capabilities) &&
    hasOnly(capabilities, ['read', 'exec', 'live']) &&
    isBoolean(capabilities.read) &&
    isBoolean(capabilities.exec) &&
    isBoolean(capabilities.live) &&
    isRecord(host) &&
    hasOnly(host, ['name', 'machineId', 'redacted']) &&
    (host.name === null || isString(host.name)) &&
    (host.machineId === null || isString(host.machineId)) &&
    isBoolean(host.redacted) &&
    isRecord(catalog) &&
    hasOnly(catalog, ['file', 'sha256', 'apps']) &&
    isString(catalog.file) &&
    isString(catalog.sha256) &&
    sha256Pattern.test(catalog.sha256) &&
    Number.isInteger(catalog.apps) &&
    (catalog.apps as number) >= 0 &&
    isRecord(facts)
  )) {
    return false;
  }
  const packing = value.snapshotVersion !== 1;
  for (const id in facts) if (!probeIdPattern.test(id) || !plainOutcome(facts[id], packing)) return false;
  return true;
};

/** Snapshots older or newer than this were not collected by charter: a typo or a forged date. */
const collectedYears = { min: 2000, max: 2100 } as const;

/** Why `collectedAt` (already shaped like YYYY-MM-DDTHH:MM:SS[.fff]Z) is not a real instant in range, or undefined. */
export const collectedAtProblem = (text: string): string | undefined => {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/u.exec(text);
  if (match === null) return `"collectedAt" must be a UTC time like 2026-05-04T10:00:00Z, got ${JSON.stringify(text)}`;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const realDay = month >= 1 && month <= 12 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!realDay || hour > 23 || minute > 59 || second > 59) return `"collectedAt" ${JSON.stringify(text)} is not a real date and time`;
  if (year < collectedYears.min || year > collectedYears.max) {
    return `"collectedAt" ${JSON.stringify(text)} is outside ${String(collectedYears.min)}–${String(collectedYears.max)}`;
  }
  return undefined;
};

const invalid = (file: string, problem: string): TargetError => new TargetError(`${file}: not a valid charter snapshot: ${problem}`);

/** Check a parsed value against the snapshot schema; `file` names it in errors (TargetError). */
export const validateSnapshot = (value: unknown, file: string): Snapshot => {
  if (!isRecord(value)) throw invalid(file, 'expected a JSON object');
  const version = value.snapshotVersion;
  if (version === undefined) throw invalid(file, 'no "snapshotVersion" (not written by `charter collect`?)');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw invalid(file, `"snapshotVersion" must be a positive whole number, got ${JSON.stringify(version)}`);
  }
  if (version > snapshotVersion) {
    throw new TargetError(`${file}: written by a newer charter (snapshotVersion ${version}); this charter reads version ${snapshotVersion}`);
  }
  // Version 1 is the first; a lower one cannot exist. Version 1 and 2 share the schema: 2 only adds
  // the packed lists (`packed` in an outcome), unpacked below.
  const plain = plainlyValid(value);
  if (!plain) {
    const validate = validator('snapshot');
    if (!validate(value)) {
      const problems = describeErrors(validate.errors ?? []);
      throw new TargetError(`${file}: not a valid charter snapshot:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
  }
  // The schema checks the shape of the time; the calendar and the range are checked here.
  const when = collectedAtProblem(String(value.collectedAt));
  if (when !== undefined) throw invalid(file, when);
  return { ...value, snapshotVersion, facts: unpackedFacts(value.facts as Record<string, Record<string, unknown>>, file, plain) } as unknown as Snapshot;
};

/** The outcomes of a valid snapshot with their packed facts unpacked (the same object when none is packed). */
const unpackedFacts = (facts: Record<string, Record<string, unknown>>, file: string, plain: boolean): Facts => {
  let unpacked: Record<string, unknown> | undefined;
  for (const id in facts) {
    const outcome = facts[id];
    if (outcome === undefined || !Object.hasOwn(outcome, 'packed')) continue;
    unpacked ??= { ...facts };
    unpacked[id] = unpackedOutcome(id, outcome, file, plain);
  }
  return (unpacked ?? facts) as Facts;
};

/** One outcome that has `packed`, unpacked (its records taken from `records` when it holds them: unpackFacts). */
const unpackedOutcome = (id: string, outcome: Record<string, unknown>, file: string, plain: boolean, records?: RecordMemo): Record<string, unknown> => {
  const { packed, ...rest } = outcome;
  try {
    // `packed` passed packedProblem when plainlyValid accepted the snapshot; else it is checked again.
    return {
      ...rest,
      facts: unpackFacts(outcome.facts as Record<string, unknown>, packed as Packed, { checked: plain, ...(records === undefined ? {} : { records }) }),
    };
  } catch (error) {
    if (error instanceof PackingError) throw invalid(file, `facts.${id}.${error.message}`);
    throw error;
  }
};

/** A snapshot as version 2 writes it: every outcome's lists of records packed (snapshot-packing.ts). */
export const packSnapshot = (snapshot: Snapshot): Record<string, unknown> => {
  const facts: Record<string, unknown> = {};
  for (const [id, outcome] of Object.entries(snapshot.facts)) {
    if (outcome.status !== 'ok' && outcome.status !== 'partial') {
      facts[id] = outcome;
      continue;
    }
    const packed = packFacts(outcome.facts);
    facts[id] = packed.packed === undefined ? outcome : { ...outcome, facts: packed.facts, packed: packed.packed };
  }
  return { ...snapshot, snapshotVersion, facts };
};

/**
 * Why `value` is beyond what a snapshot may hold (nesting deeper than `limits.snapshotDepth`, a
 * string or key longer than `limits.snapshotStringBytes`), or undefined. One walk, recursive but
 * never deeper than `limits.snapshotDepth` (it stops there), so a value nested thousands deep cannot
 * overflow the stack here, or in any later walk.
 */
export const snapshotShapeProblem = (value: unknown): string | undefined => {
  const host = typeof value === 'object' && value !== null && 'host' in value ? value.host : undefined;
  const name = typeof host === 'object' && host !== null && 'name' in host ? host.name : undefined;
  if (typeof name === 'string' && name.length > limits.hostNameChars)
    return `the host name is ${String(name.length)} characters long; the limit is ${String(limits.hostNameChars)}`;
  return shapeProblemAt(value, 0);
};

const tooLong = (what: string, length: number): string => `a ${what} is ${String(length)} characters long; the limit is ${String(limits.snapshotStringBytes)}`;

/** snapshotShapeProblem below the top: `depth` levels down. */
const shapeProblemAt = (item: unknown, depth: number): string | undefined => {
  if (typeof item === 'string') return item.length > limits.snapshotStringBytes ? tooLong('string', item.length) : undefined;
  if (typeof item !== 'object' || item === null) return undefined;
  if (depth >= limits.snapshotDepth) return `values nest deeper than ${String(limits.snapshotDepth)} levels`;
  if (Array.isArray(item)) {
    for (const element of item as unknown[]) {
      // Scalars inline: most elements of the long lists are strings or records.
      if (typeof element === 'object' && element !== null) {
        const problem = shapeProblemAt(element, depth + 1);
        if (problem !== undefined) return problem;
      } else if (typeof element === 'string' && element.length > limits.snapshotStringBytes) return tooLong('string', element.length);
    }
    return undefined;
  }
  const record = item as Record<string, unknown>;
  for (const key in record) {
    if (key.length > limits.snapshotStringBytes) return tooLong('key', key.length);
    const element = record[key];
    if (typeof element === 'object' && element !== null) {
      const problem = shapeProblemAt(element, depth + 1);
      if (problem !== undefined) return problem;
    } else if (typeof element === 'string' && element.length > limits.snapshotStringBytes) return tooLong('string', element.length);
  }
  return undefined;
};

/** A JSON.parse message without the bit of the file it quotes (a snapshot may be any file). */
const jsonProblem = (message: string): string => {
  const position = /at position (\d+)/.exec(message)?.[1];
  const end = /Unexpected end of JSON input/i.test(message);
  return end ? 'Unexpected end of JSON input' : position === undefined ? 'not valid JSON' : `not valid JSON at byte ${position}`;
};

/**
 * Parse and validate the text of a snapshot file; `file` names it in errors (TargetError). With a
 * run's memo that shares (RunMemo.sharing), an outcome whose exact text an earlier snapshot of the
 * run had is not parsed again: see sharedSnapshot.
 */
export const parseSnapshot = (text: string, file: string, memo?: RunMemo): Snapshot => {
  if (memo?.sharing === true) {
    const snapshot = sharedSnapshot(text, memo.slot(outcomesSlot));
    if (snapshot !== undefined) return snapshot;
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const detail = jsonProblem(error instanceof Error ? error.message : String(error));
    throw new TargetError(
      `${file}: not a charter snapshot: invalid JSON (${text.trim() === '' ? 'empty file' : detail}); truncated or not written by \`charter collect\`?`,
      {
        cause: error,
      },
    );
  }
  const shape = snapshotShapeProblem(value);
  if (shape !== undefined) throw new TargetError(`${file}: not a usable charter snapshot: ${shape}`);
  return validateSnapshot(value, file);
};

/** Serialise a snapshot as written to a file: compact JSON on one line (an audit reads thousands; `jq .` shows one readably). */
export const formatSnapshot = (snapshot: Snapshot): string => `${JSON.stringify(packSnapshot(snapshot))}\n`;

/**
 * The validated outcomes a run has read, by snapshot version, probe id and exact text, each frozen
 * and shared (run-memo.ts) by every snapshot that holds that text. Bounded by the length of the
 * texts held: when full, the newer half is kept (an outcome seen again since is moved there), so a
 * fleet of all-different machines costs memory in proportion to the bound, not to the fleet.
 */
interface OutcomeTable {
  get(id: string, text: string): Record<string, unknown> | undefined;
  set(id: string, text: string, outcome: Record<string, unknown>): void;
  /**
   * The facts of whole facts texts (snapshot-split.ts, factsText) already split, by version: a
   * machine whose outcomes all equal another's (most of a fleet made from one image) is not split.
   */
  readonly facts: TextTable<Record<string, unknown>>;
  /** The records of packed lists, shared by the outcomes that hold the same rows (snapshot-packing.ts, RecordMemo). */
  readonly records: RecordMemo;
}

/**
 * At most this many records and shapes held (each table): more than the distinct installed apps a
 * worker thread of a 30,000-host audit meets (the apps of its images, and the few each machine
 * adds), a few MB of rows and records; past it, the tables start again.
 */
export const sharedRecords = defaultMemoEntries;

/** At most this many rows held with the same first value (a list's rows mostly differ there); past it, rows are held by their text. */
const rowsPerValue = 16;

/**
 * A RecordMemo whose records are frozen and shared (run-memo.ts), bounded like a memo table. Rows
 * are found by their shape and first value read, then compared value by value (sameValues): no text
 * is written or hashed for a row. A row whose first value is a list or an object, or whose first
 * value has many rows already, is held by its JSON text instead.
 */
const recordMemo = (max = sharedRecords): RecordMemo => {
  const texts = memoTable<number>(max);
  const byText = memoTable<JsonObject>(max);
  type Held = { row: readonly unknown[]; record: JsonObject };
  let byShape = new Map<string, Map<unknown, Held[]>>();
  let held = 0;
  // Never reset with the table: a text held again after it empties gets a new number, never an old one.
  let numbered = 0;
  const asText = (shape: string, row: readonly unknown[], from: number, make: () => JsonObject): JsonObject =>
    byText.get(`${shape}\n${JSON.stringify(from === 0 ? row : row.slice(from))}`, () => share(make()));
  return {
    textId: (text) =>
      texts.get(text, () => {
        numbered += 1;
        return numbered;
      }),
    record: (shape, row, from, make) => {
      const first = row[from];
      if (typeof first === 'object' && first !== null) return asText(shape, row, from, make);
      let rows = byShape.get(shape);
      let same = rows?.get(first);
      if (same !== undefined) {
        for (const kept of same) if (sameValues(kept.row, row, from)) return kept.record;
        if (same.length >= rowsPerValue) return asText(shape, row, from, make);
      }
      const record = share(make());
      if (held >= max) {
        byShape = new Map();
        held = 0;
        rows = undefined;
        same = undefined;
      }
      if (rows === undefined) byShape.set(shape, (rows = new Map<unknown, Held[]>()));
      if (same === undefined) rows.set(first, (same = []));
      same.push({ row, record });
      held += 1;
      return record;
    },
  };
};

/** At most this many characters of outcome text held in each half (the parsed values are a few times more). */
export const sharedOutcomeChars = 500_000;

/**
 * A piece of a snapshot's text as a string of its own: a slice may keep the whole file it was cut
 * from in memory (V8 makes long slices views of their parent), which a table of thousands of
 * outcomes would multiply. Joined to a character, then cut again, it is copied.
 */
const ownText = (text: string): string => `_${text}`.slice(1);

/** Values by a name (a probe id, a version) and an exact text, bounded by the length of the texts held. */
interface TextTable<V> {
  get(name: string, text: string): V | undefined;
  set(name: string, text: string, value: V): void;
}

/**
 * A TextTable holding at most `maxChars` characters of text in each of two halves: when the recent
 * half is full it becomes the older one, and a text found in the older half is moved to the recent
 * one, so that what is seen again stays and a fleet of all-different machines costs memory in
 * proportion to the bound, not to the fleet.
 */
const textTable = <V>(maxChars: number): TextTable<V> => {
  // By name (a few dozen), then by the exact text.
  type Half = Map<string, Map<string, V>>;
  let recent: Half = new Map();
  let older: Half = new Map();
  let chars = 0;
  const set = (name: string, text: string, value: V): void => {
    if (chars + text.length > maxChars) {
      older = recent;
      recent = new Map();
      chars = 0;
    }
    let texts = recent.get(name);
    if (texts === undefined) recent.set(name, (texts = new Map<string, V>()));
    texts.set(ownText(text), value);
    chars += text.length;
  };
  return {
    get: (name, text) => {
      const known = recent.get(name)?.get(text);
      if (known !== undefined) return known;
      const texts = older.get(name);
      const old = texts?.get(text);
      if (old !== undefined) {
        texts?.delete(text);
        set(name, text, old);
      }
      return old;
    },
    set,
  };
};

/**
 * At most this many characters of whole facts texts held in each half: the distinct machines of a
 * fleet's images (a few tens of KB each) and the variations seen again soon.
 */
export const sharedFactsChars = 2_000_000;

const outcomeTable = (maxChars = sharedOutcomeChars): OutcomeTable => ({
  records: recordMemo(),
  ...textTable<Record<string, unknown>>(maxChars),
  facts: textTable(sharedFactsChars),
});

const outcomesSlot = memoSlot('snapshot outcomes', () => outcomeTable());

/**
 * The snapshot `text` as parseSnapshot makes it, its outcomes read once per run: or undefined
 * whenever anything is not plainly right (the text cannot be split, a piece is not valid JSON, a
 * limit is passed, the snapshot or an outcome is not plainly valid, a packed list does not unpack),
 * and parseSnapshot then reads the whole text as it always does, with the same errors. A snapshot
 * accepted here is one the whole path accepts, with the same values: every check of the whole path
 * is made, on the rest of the object and on each outcome.
 */
const sharedSnapshot = (text: string, outcomes: OutcomeTable): Snapshot | undefined => {
  // The version decides how outcomes are checked (packed lists or not): read it first, from the top.
  const version = /^\{"snapshotVersion":([12]),/.exec(text)?.[1];
  if (version === undefined) return undefined;
  const packing = version !== '1';
  const factsStart = factsValueStart(text);
  const wholeFacts = factsText(text, factsStart);
  if (wholeFacts === undefined) return undefined;
  const known = outcomes.facts.get(version, wholeFacts);
  // Facts this run split before: the same text splits the same way into the same outcomes. A copy,
  // as the caller adds the derived families to its snapshot's facts.
  if (known !== undefined) return checkedRest(`${text.slice(0, factsStart)}{}${text.slice(factsStart + wholeFacts.length)}`, version, { ...known });
  const facts: Record<string, unknown> = {};
  const split = splitSnapshot(
    text,
    (id, outcomeText) => {
      // Checked by plainlyValid in the whole path; the key's length by the shape check.
      if (!probeIdPattern.test(id) || id.length > limits.snapshotStringBytes) return 'refused';
      const key = `${version}\n${id}`;
      let outcome = outcomes.get(key, outcomeText);
      if (outcome === undefined) {
        const read = validOutcome(id, outcomeText, packing, outcomes.records);
        if (typeof read === 'string') return read;
        outcome = read;
        outcomes.set(key, outcomeText, outcome);
      }
      facts[id] = outcome;
      return 'taken';
    },
    factsStart,
  );
  if (split === undefined) return undefined;
  outcomes.facts.set(version, wholeFacts, { ...facts });
  return checkedRest(split.rest, version, facts);
};

/** The snapshot of `rest` (its text with empty facts) and `facts`, when the rest is plainly valid. */
const checkedRest = (rest: string, version: string, facts: Record<string, unknown>): Snapshot | undefined => {
  let value: unknown;
  try {
    value = JSON.parse(rest) as unknown;
  } catch {
    return undefined;
  }
  if (!isRecord(value) || String(value.snapshotVersion) !== version || snapshotShapeProblem(value) !== undefined) return undefined;
  if (!plainlyValid(value) || collectedAtProblem(String(value.collectedAt)) !== undefined) return undefined;
  return { ...value, snapshotVersion, facts } as unknown as Snapshot;
};

/**
 * One outcome's text parsed, checked as the whole path checks it (at its depth, `facts.ID`),
 * unpacked and shared; `longer` when the text is not JSON (splitSnapshot tries a longer piece),
 * `refused` when any check fails.
 */
const validOutcome = (id: string, text: string, packing: boolean, records: RecordMemo): Record<string, unknown> | 'longer' | 'refused' => {
  let outcome: unknown;
  try {
    outcome = JSON.parse(text) as unknown;
  } catch {
    return 'longer';
  }
  // The whole path's walk reaches an outcome two levels down (the snapshot, its facts).
  if (!isRecord(outcome) || shapeProblemAt(outcome, 2) !== undefined || !plainOutcome(outcome, packing)) return 'refused';
  try {
    return share(Object.hasOwn(outcome, 'packed') ? unpackedOutcome(id, outcome, '', true, records) : outcome);
  } catch {
    return 'refused';
  }
};

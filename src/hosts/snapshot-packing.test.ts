import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { TargetError } from '../errors.js';
import { collectSnapshot } from '../fleet/snapshot-collect.js';
import type { JsonObject } from '../model.js';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/policy.js';
import { compileSchema } from '../policy/compile-schema.js';
import { factTree, fuzzSeed, oddKey } from '../testing/fuzz.js';
import snapshotSchema from '../../schemas/snapshot.schema.json' with { type: 'json' };
import { openHost } from './index.js';
import type { Snapshot } from './snapshot-format.js';
import { formatSnapshot, packSnapshot, parseSnapshot, plainlyValid } from './snapshot-format.js';
import type { Packed } from './snapshot-packing.js';
import { packFacts, PackingError, sameJson, sameValues, unpackFacts } from './snapshot-packing.js';

const root = new URL('../..', import.meta.url).pathname;
const hostsDir = join(root, 'fixtures', 'hosts');
const fixtures = readdirSync(hostsDir)
  .filter((name) => existsSync(join(hostsDir, name, 'host.json')))
  .sort();

/** The same value with every object's keys in the reverse order (integer-like keys keep theirs, as in any object). */
const reversedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  const reversed: Record<string, unknown> = {};
  for (const key of Object.keys(value).reverse()) {
    Object.defineProperty(reversed, key, {
      value: reversedKeys((value as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return reversed;
};

/** Through JSON and back, as a file would carry it. */
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** packFacts then unpackFacts, through JSON like a file: must give the facts back, keys in order. */
const roundTrip = (facts: JsonObject): JsonObject => {
  const { facts: packedFacts, packed } = viaJson(packFacts(facts));
  return packed === undefined ? packedFacts : unpackFacts(packedFacts, packed);
};

describe('packed lists (snapshotVersion 2)', () => {
  let policy: Policy;
  const collected = new Map<string, Snapshot>();
  beforeAll(async () => {
    policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
    for (const name of fixtures) {
      const fixture = join(hostsDir, name);
      const recordedAt = (JSON.parse(readFileSync(join(fixture, 'host.json'), 'utf8')) as { recordedAt: string }).recordedAt;
      const snapshot = await collectSnapshot(await openHost(`replay:${fixture}`, { cwd: root }), {
        catalog: { catalog: policy.catalog, file: 'policies/catalog/apps.yaml', sha256: 'a'.repeat(64) },
        now: new Date(recordedAt),
        tool: { name: 'charter', version: '0.0.0-test' },
        target: `replay:${fixture}`,
        timeoutMs: 60_000,
        redact: false,
      });
      collected.set(name, snapshot);
    }
  }, 240_000);

  it('reads back every fixture’s snapshot with exactly the facts collected (keys in order), and writes it smaller', () => {
    expect(collected.size).toBe(fixtures.length);
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
    for (const [name, snapshot] of collected) {
      const text = formatSnapshot(snapshot);
      const read = parseSnapshot(text, `${name}.json`);
      // As text: the same keys in the same order, the same values.
      expect(JSON.stringify(read), name).toBe(JSON.stringify(snapshot));
      expect(read.snapshotVersion).toBe(2);
      // Every outcome with a list of records was packed, and the file is smaller than unpacked.
      const written = JSON.parse(text) as { facts: Record<string, { packed?: Packed }> };
      expect(written.facts['installed-apps']?.packed?.facts, name).toContain('apps');
      expect(text.length, name).toBeLessThan(JSON.stringify(snapshot).length);
      // Version 1 (the records as they are) still reads the same.
      expect(JSON.stringify(parseSnapshot(JSON.stringify({ ...snapshot, snapshotVersion: 1 }), `${name}-v1.json`))).toBe(JSON.stringify(snapshot));
    }
  });

  it('writes what the schema accepts, and what the hand-written check accepts', () => {
    const validate = compileSchema(snapshotSchema);
    for (const [name, snapshot] of collected) {
      const written = JSON.parse(formatSnapshot(snapshot)) as Record<string, unknown>;
      expect(validate(written), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(plainlyValid(written), name).toBe(true);
      // A version 1 snapshot may not hold packed lists.
      const mislabelled = { ...written, snapshotVersion: 1 };
      expect(validate(mislabelled)).toBe(false);
      expect(plainlyValid(mislabelled)).toBe(false);
    }
  });

  it('keeps what no fixture has: odd keys, missing and extra fields, unicode, numbers, nested and mixed lists', () => {
    const proto = JSON.parse('{"__proto__": "own", "x": 1}') as JsonObject;
    const facts = JSON.parse(
      JSON.stringify({
        apps: [
          { name: 'Ünïcødé 名前 😀', version: null, source: 'dpkg', path: '/usr/share/a b', '': 'empty key', 'a.b': [1, 2] },
          { name: 'b', version: '1', source: 'dpkg', path: '/usr/share/a b', '': 'empty key', 'a.b': [] },
          { name: 'c', source: 'dpkg' },
          { source: 'dpkg', name: 'd' },
          { name: 'e', version: '1', source: 'snap', path: '/usr/share/a b', '': 'x', 'a.b': { nested: [{ k: 1 }] } },
          { name: 'f', version: 1, source: '1', path: null, '': 'empty key', 'a.b': 'null' },
          { name: 'g', version: true, source: null, path: 1.5, '': -0.25, 'a.b': null },
          { '0': 'zero', '10': 'ten', constructor: 'c', toString: 's', length: 3 },
          { '0': 'zero', '10': 'ten', constructor: 'c', toString: 's', length: 3 },
          {},
          {},
        ],
        nested: [
          {
            id: 1,
            metadata: [
              { scheme: 'x', values: ['a'] },
              { scheme: 'x', values: [] },
            ],
          },
          { id: 2, metadata: [] },
          { id: 3, metadata: [{ scheme: 'x', values: ['a'], keywords: ['k'] }, 'not a record'] },
          { id: 4, metadata: [{ scheme: 'y' }] },
        ],
        mixed: [{ a: 1 }, 'two', { a: 1 }],
        listOfLists: [[{ a: 1 }], [{ a: 1 }]],
        empty: [],
        scalar: 'text',
        object: { apps: [{ a: 1 }, { a: 1 }] },
      }),
    ) as JsonObject;
    (facts.apps as JsonObject[]).push(proto, proto);
    Object.defineProperty(facts, '__proto__', { value: [{ a: 1 }, { a: 1 }], enumerable: true, writable: true, configurable: true });
    // Sanity: JSON.parse and the assignments above made own keys, `__proto__` included.
    expect(Object.keys(facts)).toContain('__proto__');
    const back = roundTrip(facts);
    expect(JSON.stringify(back)).toBe(JSON.stringify(facts));
    expect(back).toEqual(facts);
    expect(Object.getPrototypeOf((back.apps as JsonObject[])[11])).toBe(Object.prototype);
    expect(Object.keys((back.apps as JsonObject[])[11] ?? {})).toEqual(['__proto__', 'x']);
    // Packed: the lists of records, nested ones as rows too; the others as they are.
    const { facts: packedFacts, packed } = packFacts(facts);
    expect(packed?.facts).toEqual(['apps', 'nested', '__proto__']);
    expect(packedFacts.mixed).toEqual(facts.mixed);
    expect(packedFacts.object).toEqual(facts.object);
    expect(packed?.shapes).toContainEqual(['id', ['metadata']]);
  });

  it(`gives back any facts whatever their keys and values (fuzz, seed ${String(fuzzSeed)})`, () => {
    const record = fc.dictionary(oddKey, fc.oneof(fc.constantFrom(null, true, 'dpkg', 'system', 0, 1.5), factTree(3, 3)), {
      maxKeys: 5,
      noNullPrototype: true,
    });
    const facts = fc.dictionary(oddKey, fc.oneof(fc.array(record, { maxLength: 6 }), factTree(3, 3)), { maxKeys: 4, noNullPrototype: true });
    fc.assert(
      fc.property(facts, (value) => {
        const plain = viaJson(value) as JsonObject;
        expect(JSON.stringify(roundTrip(plain))).toBe(JSON.stringify(plain));
      }),
      { seed: fuzzSeed, numRuns: 300 },
    );
  });

  it('packs a list the same way whatever the outcome it is in (ok or partial), and not the other outcomes', () => {
    const snapshot = collected.get('debian12-clean');
    if (snapshot === undefined) throw new Error('no debian12-clean');
    const apps = snapshot.facts['installed-apps'];
    if (apps?.status !== 'ok') throw new Error('installed-apps is not ok');
    const partial: Snapshot = {
      ...snapshot,
      facts: {
        ...snapshot.facts,
        'installed-apps': { status: 'partial', facts: apps.facts, unknown: { apps: { code: 'permission', detail: 'one home unreadable' } } },
        firewall: { status: 'error', message: 'nft timed out', code: 'timeout' },
      },
    };
    const written = packSnapshot(partial) as { facts: Record<string, Record<string, unknown>> };
    expect(Object.keys(written.facts['installed-apps'] ?? {})).toEqual(['status', 'facts', 'unknown', 'packed']);
    expect(written.facts.firewall).toEqual({ status: 'error', message: 'nft timed out', code: 'timeout' });
    expect(JSON.stringify(parseSnapshot(formatSnapshot(partial), 'partial.json'))).toBe(JSON.stringify(partial));
  });

  describe('refuses a broken packed list, saying where', () => {
    const base = (): Record<string, unknown> => {
      const snapshot = collected.get('debian12-clean');
      if (snapshot === undefined) throw new Error('no debian12-clean');
      return JSON.parse(formatSnapshot(snapshot)) as Record<string, unknown>;
    };
    const apps = (written: Record<string, unknown>): { facts: { apps: unknown[][] }; packed: Packed } =>
      (written.facts as Record<string, { facts: { apps: unknown[][] }; packed: Packed }>)['installed-apps'] as {
        facts: { apps: unknown[][] };
        packed: Packed;
      };
    const refusal = (edit: (written: Record<string, unknown>) => void): string => {
      const written = base();
      edit(written);
      try {
        parseSnapshot(JSON.stringify(written), 'broken.json');
      } catch (error) {
        expect(error).toBeInstanceOf(TargetError);
        return (error as Error).message;
      }
      throw new Error('not refused');
    };
    it.each([
      [
        'a row one value short',
        (w: Record<string, unknown>) => apps(w).facts.apps[3]?.pop(),
        /facts\.installed-apps\.facts\.apps\.3: shape \d+ takes \d+ values, the row has \d+/,
      ],
      ['a row one value long', (w: Record<string, unknown>) => apps(w).facts.apps[0]?.push('x'), /facts\.installed-apps\.facts\.apps\.0: shape \d+ takes/],
      [
        'a shape that does not exist',
        (w: Record<string, unknown>) => (apps(w).facts.apps[1] = [999, 'a']),
        /facts\.installed-apps\.facts\.apps\.1: a row must start with the index of a shape/,
      ],
      [
        'a row that is not a list',
        (w: Record<string, unknown>) => (apps(w).facts.apps[2] = { name: 'x' } as unknown as unknown[]),
        /facts\.installed-apps\.facts\.apps\.2: a row must start/,
      ],
      [
        'a row inside a row that names no shape',
        (w: Record<string, unknown>) => {
          const rows = apps(w).facts.apps;
          const at = rows.findIndex((row) => Array.isArray(row.at(-1)));
          (rows[at] as unknown[][]).splice(-1, 1, [[999]]);
        },
        /facts\.installed-apps\.facts\.apps\.\d+\.metadata\.0: a row must start with the index of a shape/,
      ],
      [
        'a packed fact that is not rows',
        (w: Record<string, unknown>) => (apps(w).facts.apps = 'x' as unknown as unknown[][]),
        /facts\.installed-apps\.facts\.apps: must be a list of rows/,
      ],
      [
        'a packed fact missing',
        (w: Record<string, unknown>) => apps(w).packed.facts.push('gone'),
        /facts\.installed-apps\.packed\.facts: "gone" is not in the facts/,
      ],
    ])('%s', (_, edit, message) => {
      expect(refusal(edit)).toMatch(new RegExp(`^broken\\.json: not a valid charter snapshot: ${message.source}`));
    });
    it.each([
      ['a shape naming a key twice', (w: Record<string, unknown>) => apps(w).packed.shapes[0]?.push('name')],
      ['a shape entry of three', (w: Record<string, unknown>) => apps(w).packed.shapes[0]?.push(['a', 1, 2] as unknown as string)],
      ['a shape value that is an object', (w: Record<string, unknown>) => apps(w).packed.shapes[0]?.push(['a', {}] as unknown as string)],
      ['an unknown key in packed', (w: Record<string, unknown>) => Object.assign(apps(w).packed, { extra: 1 })],
      ['packed lists in a version 1 snapshot', (w: Record<string, unknown>) => (w.snapshotVersion = 1)],
    ])('%s', (_, edit) => {
      expect(refusal(edit)).toMatch(/^broken\.json: not a valid charter snapshot/);
    });
    it('a shape naming a key twice, in so many words', () => {
      expect(() => unpackFacts({ apps: [[0, 'a']] }, { facts: ['apps'], shapes: [['name', ['name', 1]]] })).toThrow(
        new PackingError('packed: shape 0 names "name" twice'),
      );
    });
  });

  describe('sameJson (how a run finds a row it has read before)', () => {
    /** Two parsed values, often equal: one tree twice, a tree and its keys reversed, or two trees. */
    const pairs = fc.oneof(
      factTree(3, 3).map((a) => [viaJson(a), viaJson(a)] as const),
      factTree(3, 3).map((a) => [viaJson(a), reversedKeys(viaJson(a))] as const),
      fc.tuple(factTree(2, 2), factTree(2, 2)).map(([a, b]) => [viaJson(a), viaJson(b)] as const),
      fc.tuple(
        fc.constantFrom(0, -0, '0', null, 'null', false, [], {}, [0], { 0: 0 }),
        fc.constantFrom(0, -0, '0', null, 'null', false, [], {}, [0], { 0: 0 }),
      ),
    );
    it('is exactly equality of JSON texts, for any two values', () => {
      fc.assert(
        fc.property(pairs, ([a, b]) => {
          expect(sameJson(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
        }),
        { seed: fuzzSeed, numRuns: 500 },
      );
    });
    it('compares rows from an index on, and only rows as long', () => {
      expect(sameValues([0, 'a', 1], [3, 'a', 1], 1)).toBe(true);
      expect(sameValues([0, 'a', 1], [3, 'a', 1], 0)).toBe(false);
      expect(sameValues([0, 'a'], [0, 'a', null], 1)).toBe(false);
      expect(sameValues([0, 'a', [[1, 'x']]], [0, 'a', [[1, 'x']]], 0)).toBe(true);
      expect(sameValues([0, { a: 1, b: 2 }], [0, { b: 2, a: 1 }], 1)).toBe(false);
    });
  });
});

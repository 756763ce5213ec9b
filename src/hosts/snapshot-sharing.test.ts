/**
 * parseSnapshot with a run's memo that shares (outcomes read once per distinct text) against
 * parseSnapshot alone: the same snapshot or the same error, for real snapshots of the recorded
 * fixtures, for their variations, and for any mutation of their text (fuzzed).
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordedSnapshot } from '../testing/recorded-snapshot.js';
import { loadPolicy } from '../policy/load.js';
import { runMemo, sharedId } from '../run-memo.js';
import { fuzzSeed, mutatedText } from '../testing/fuzz.js';
import type { JsonObject } from '../model.js';
import { formatSnapshot, parseSnapshot, type Snapshot } from './snapshot-format.js';

const root = new URL('../..', import.meta.url).pathname;
// One of each platform, and the Debian host with the most apps.
const fixtures = ['debian12-luxchat', 'macos14-noncompliant', 'windows11-noncompliant'];

/** The same snapshot or the same error message. */
const outcomeOf = (read: () => Snapshot): string => {
  try {
    return `ok ${JSON.stringify(read())}`;
  } catch (error) {
    return `error ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
};

describe('parseSnapshot sharing outcomes between the snapshots of a run', () => {
  const texts = new Map<string, string>();
  beforeAll(async () => {
    const policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
    for (const name of fixtures) {
      const snapshot = await recordedSnapshot(name, policy.catalog);
      texts.set(name, formatSnapshot(snapshot));
    }
  }, 240_000);

  it('reads each fixture as the whole path does, each outcome once: the second snapshot holds the first one’s outcomes, frozen', () => {
    const memo = runMemo();
    for (const [name, text] of texts) {
      const first = parseSnapshot(text, `${name}.json`, memo);
      expect(JSON.stringify(first), name).toBe(JSON.stringify(parseSnapshot(text, `${name}.json`)));
      // Another machine made from the same image: its own name, time and id, the same outcomes.
      const other = text
        .replace(/"collectedAt":"[^"]*"/u, '"collectedAt":"2026-12-01T10:00:00Z"')
        .replace(/"host":\{"name":("[^"]*"|null)/u, '"host":{"name":"pc-2"');
      const second = parseSnapshot(other, 'pc-2.json', memo);
      expect(second.host.name).toBe('pc-2');
      expect(second.collectedAt).toBe('2026-12-01T10:00:00Z');
      expect(Object.keys(second.facts)).toEqual(Object.keys(first.facts));
      for (const id of Object.keys(first.facts)) {
        expect(second.facts[id], `${name} ${id}`).toBe(first.facts[id]);
        expect(sharedId(second.facts[id]), `${name} ${id}`).toBeDefined();
        expect(Object.isFrozen(second.facts[id]), `${name} ${id}`).toBe(true);
      }
      // Without sharing, nothing is shared.
      const alone = parseSnapshot(text, `${name}.json`, runMemo({ sharing: false }));
      for (const id of Object.keys(alone.facts)) expect(sharedId(alone.facts[id]), `${name} ${id}`).toBeUndefined();
    }
  });

  it('gives an outcome that differs by one byte its own value', () => {
    const memo = runMemo();
    const text = texts.get('debian12-luxchat') ?? '';
    const first = parseSnapshot(text, 'a.json', memo);
    // One character of the os outcome changed (its kernel's last digit, or any other value of it).
    const at = text.indexOf('"os":{"status":"ok"');
    const value = text.indexOf('"kernel":"', at) + '"kernel":"'.length;
    const changed = `${text.slice(0, value)}${text[value] === '9' ? '8' : '9'}${text.slice(value + 1)}`;
    const second = parseSnapshot(changed, 'b.json', memo);
    expect(JSON.stringify(second)).toBe(JSON.stringify(parseSnapshot(changed, 'b.json')));
    expect(second.facts.os).not.toBe(first.facts.os);
    expect(second.facts.os).not.toEqual(first.facts.os);
    expect(second.facts['installed-apps']).toBe(first.facts['installed-apps']);
  });

  it('shares the records of a list between outcomes that differ in one of them, and gives each changed record its own value', () => {
    const memo = runMemo();
    const text = texts.get('debian12-luxchat') ?? '';
    const first = parseSnapshot(text, 'a.json', memo);
    const appsOf = (snapshot: Snapshot): JsonObject[] => {
      const outcome = snapshot.facts['installed-apps'];
      return outcome?.status === 'ok' || outcome?.status === 'partial' ? (outcome.facts.apps as JsonObject[]) : [];
    };
    const apps = appsOf(first);
    expect(apps.length).toBeGreaterThan(10);
    // One record changed in each of its fields a derivation reads: its version, its owner, its path.
    const at = apps.findIndex((app) => typeof app.version === 'string' && typeof app.path === 'string');
    const version = apps[at]?.version;
    const changes: JsonObject[] = [{ version: `${typeof version === 'string' ? version : ''}+1` }, { user: 'someone-else' }, { path: '/opt/elsewhere' }];
    for (const change of changes) {
      const changed = structuredClone(parseSnapshot(text, 'a.json'));
      const list = appsOf(changed);
      list[at] = { ...list[at], ...change };
      const changedText = formatSnapshot(changed);
      const second = parseSnapshot(changedText, 'b.json', memo);
      expect(JSON.stringify(second), JSON.stringify(change)).toBe(JSON.stringify(parseSnapshot(changedText, 'b.json')));
      const secondApps = appsOf(second);
      expect(second.facts['installed-apps']).not.toBe(first.facts['installed-apps']);
      // The other records are the first list's own (frozen, shared), but for those with rows inside
      // when the change added a shape (their shapes are the whole list's); the changed one is not.
      let same = 0;
      secondApps.forEach((app, index) => {
        if (index === at) {
          expect(app).not.toBe(apps[index]);
          expect(app).toMatchObject(change);
        } else {
          expect(app).toEqual(apps[index]);
          if (app === apps[index]) same += 1;
        }
        expect(sharedId(app)).toBeDefined();
        expect(Object.isFrozen(app)).toBe(true);
      });
      expect(same).toBeGreaterThan(apps.length / 2);
    }
  });

  it('accepts and refuses exactly what the whole path does, with the same message, whatever the text (fuzzed)', () => {
    const memo = runMemo();
    for (const [name, text] of texts) {
      // The whole file read first, so that its outcomes are known: a mutated one is partly hits.
      parseSnapshot(text, `${name}.json`, memo);
      fc.assert(
        fc.property(mutatedText(text), (mutated) => {
          expect(outcomeOf(() => parseSnapshot(mutated, `${name}.json`, memo))).toBe(outcomeOf(() => parseSnapshot(mutated, `${name}.json`)));
        }),
        { seed: fuzzSeed, numRuns: 150 },
      );
      // Written readably (not how collect writes it): read by the whole path, the same.
      const pretty = JSON.stringify(JSON.parse(text), null, 2);
      expect(outcomeOf(() => parseSnapshot(pretty, 'p.json', memo))).toBe(outcomeOf(() => parseSnapshot(pretty, 'p.json')));
    }
  });

  it('reads facts whose whole text an earlier snapshot had once: each snapshot its own facts object, holding the same outcomes', () => {
    const memo = runMemo();
    const text = texts.get('macos14-noncompliant') ?? '';
    const first = parseSnapshot(text, 'a.json', memo);
    // Another machine of the image, written with other spaces after its facts: the same facts text.
    const other = `${text.trimEnd().replace(/"host":\{"name":("[^"]*"|null)/u, '"host":{"name":"pc-2"')} \n\n`;
    const second = parseSnapshot(other, 'b.json', memo);
    expect(JSON.stringify(second)).toBe(JSON.stringify(parseSnapshot(other, 'b.json')));
    expect(second.host.name).toBe('pc-2');
    expect(second.facts).not.toBe(first.facts);
    for (const id of Object.keys(first.facts)) expect(second.facts[id], id).toBe(first.facts[id]);
    // What a host adds to its facts (its derived families) is its own.
    (second.facts as Record<string, unknown>).software = { status: 'error', message: 'this host only' };
    const third = parseSnapshot(text, 'c.json', memo);
    expect(Object.keys(third.facts)).toEqual(Object.keys(first.facts));
    expect(JSON.stringify(third)).toBe(JSON.stringify(parseSnapshot(text, 'c.json')));
    // The same facts after a broken top: refused as the whole path refuses it.
    const broken = text.replace(/"collectedAt":"[^"]*"/u, '"collectedAt":"2026-02-30T10:00:00Z"');
    expect(outcomeOf(() => parseSnapshot(broken, 'd.json', memo))).toBe(outcomeOf(() => parseSnapshot(broken, 'd.json')));
    expect(outcomeOf(() => parseSnapshot(broken, 'd.json', memo))).toMatch(/^error .*not a real date/u);
  });

  it('shares records by their values however many rows begin with the same value, and gives each changed one its own', () => {
    const memo = runMemo();
    const base = parseSnapshot(texts.get('debian12-luxchat') ?? '', 'a.json');
    // Versions of two packages: the most frequent name goes into the shape (snapshot-packing.ts), so
    // the 30 rows of the other one begin with its name, more than are compared value by value.
    const withVersions = (last: string): string => {
      const snapshot = structuredClone(base);
      const outcome = snapshot.facts['installed-apps'];
      if (outcome?.status !== 'ok' && outcome?.status !== 'partial') throw new Error('no installed apps');
      const apps = outcome.facts.apps as JsonObject[];
      const model = apps[0] ?? {};
      for (let i = 0; i < 31; i += 1) apps.push({ ...model, name: 'in-the-shape', version: `1.${String(i)}` });
      for (let i = 0; i < 30; i += 1) apps.push({ ...model, name: 'in-the-rows', version: i === 29 ? last : `1.${String(i)}` });
      return formatSnapshot(snapshot);
    };
    const appsOf = (snapshot: Snapshot): JsonObject[] => {
      const outcome = snapshot.facts['installed-apps'];
      return outcome?.status === 'ok' || outcome?.status === 'partial' ? (outcome.facts.apps as JsonObject[]) : [];
    };
    const firstText = withVersions('1.29');
    expect(firstText.match(/\[\d+,"in-the-rows",/gu)?.length).toBe(30);
    const first = appsOf(parseSnapshot(firstText, 'a.json', memo));
    const secondText = withVersions('2.0');
    const secondSnapshot = parseSnapshot(secondText, 'b.json', memo);
    expect(JSON.stringify(secondSnapshot)).toBe(JSON.stringify(parseSnapshot(secondText, 'b.json')));
    const second = appsOf(secondSnapshot);
    expect(second.length).toBe(first.length);
    second.forEach((app, index) => {
      if (index === second.length - 1) {
        expect(app).not.toBe(first[index]);
        expect(app.version).toBe('2.0');
      } else expect(app, String(index)).toBe(first[index]);
    });
  });
});

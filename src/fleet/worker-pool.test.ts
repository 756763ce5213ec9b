import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hostJson } from '../reporters/audit/json.js';
import { identityAudit, identityPolicy } from '../testing/fleet-identity.js';
import type { HostResult } from './model.js';
import { appendShared, fileReportStore, memoryReportStore } from './report-store.js';
import { packHost, ruleParts, unpackHost } from './worker-pool.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const fileStore = () => {
  const dir = mkdtempSync(join(tmpdir(), 'charter-pool-'));
  dirs.push(dir);
  return fileReportStore(dir);
};

/** The checked rows of the identity fleet, each holding its report as a value (as a worker's check returns it). */
const checkedRows = async (): Promise<HostResult[]> =>
  (await identityAudit()).hosts.filter((h) => h.status === 'checked').map((h) => ({ ...h, report: h.report }));

describe('a host packed by a worker thread', () => {
  const policy = identityPolicy();
  const parts = ruleParts(policy, 'en');
  const ruleIndex = new Map(policy.rules.map((rule, index) => [rule.id, index]));

  it('with the store’s file: its report written there by the thread, only its place sent; the row read back prints the same json line', async () => {
    const store = fileStore();
    const shared = store.shared;
    if (shared === undefined) throw new Error('a file store shares its file');
    for (const [index, row] of (await checkedRows()).entries()) {
      const sent = packHost(index, row, parts, ruleIndex, 'medium', shared);
      const kept = packHost(index, row, parts, ruleIndex, 'medium');
      expect(sent.reportText).toBeUndefined();
      expect(sent.reportPlace?.length).toBe(Buffer.byteLength(kept.reportText ?? ''));
      expect(sent.outline).toEqual(kept.outline);
      const fromPlace = unpackHost(sent, store);
      const fromText = unpackHost(kept, memoryReportStore());
      expect(fromPlace.report).toEqual(row.report);
      expect(hostJson(fromPlace)).toBe(hostJson(fromText));
      expect(Object.keys(fromPlace)).toEqual(Object.keys(fromText));
    }
    store.close();
  });

  it('shares the file’s end between writers: each text at its own place, none overlapping, all read back', () => {
    const store = fileStore();
    const shared = store.shared;
    if (shared === undefined || store.read === undefined) throw new Error('a file store shares its file and reads places');
    const texts = ['{"a":1}', 'é'.repeat(70_000), `{"name":"Poste ü 日本 \u{1F600}"}`, ''];
    // The store's own appends and a thread's, interleaved.
    const places = texts.map((t, i) => (i % 2 === 0 ? appendShared(shared, t) : (store.append?.(t) ?? { at: -1, length: -1 })));
    expect(places.map((p) => p.at)).toEqual([0, 7, 7 + 140_000, 7 + 140_000 + Buffer.byteLength(texts[2] ?? '')]);
    for (const [i, place] of places.entries()) expect(store.read(place)).toBe(texts[i]);
    store.close();
    expect(() => store.read?.(places[0] ?? { at: 0, length: 0 })).toThrow(/closed/);
  });
});

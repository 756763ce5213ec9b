import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { identityAudit } from '../testing/fleet-identity.js';
import type { AuditReport, HostResult } from './model.js';
import { fileReportStore, memoryReportStore, type ReportStore } from './report-store.js';
import { json } from '../reporters/audit/json.js';
import { csv } from '../reporters/audit/csv.js';
import { text } from '../reporters/audit/text.js';
import { messagesFor } from '../i18n/messages.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const scratchDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'charter-store-'));
  dirs.push(dir);
  return dir;
};

/** A store that says what it was given and when it was read, around a real one. */
const watched = (inner: ReportStore): ReportStore & { puts: string[]; reads: number } => {
  const store = {
    puts: [] as string[],
    reads: 0,
    put: (textGiven: string) => {
      store.puts.push(textGiven);
      const read = inner.put(textGiven);
      return () => {
        store.reads += 1;
        return read();
      };
    },
    close: () => {
      inner.close();
    },
  };
  return store;
};

/** The audit as it was before stores: every row a plain object holding its report. */
const materialised = (audit: AuditReport): AuditReport => ({
  ...audit,
  hosts: audit.hosts.map((host): HostResult => {
    const plain: Record<string, unknown> = {};
    for (const key of Object.keys(host)) plain[key] = (host as unknown as Record<string, unknown>)[key];
    return plain as unknown as HostResult;
  }),
});

describe('report stores', () => {
  for (const [kind, make] of [
    ['memory', () => memoryReportStore()],
    ['file', () => fileReportStore(scratchDir())],
  ] as const) {
    it(`${kind}: gives back each text as put, in any order, as often as asked, and nothing once closed`, () => {
      const store = make();
      const texts = ['{"a":1}', `{"name":"Poste de l’agent ü 日本 \u{1F600}"}`, '', 'x'.repeat(200_000), '{"b":2}'];
      const readers = texts.map((t) => store.put(t));
      for (const index of [4, 0, 3, 1, 2, 1]) expect(readers[index]?.()).toBe(texts[index]);
      store.close();
      store.close();
      expect(() => readers[0]?.()).toThrow(/closed/);
      expect(() => store.put('late')).toThrow(/closed/);
    });
  }

  it('file: leaves nothing in its directory, open or closed', () => {
    const dir = scratchDir();
    const store = fileReportStore(dir);
    const read = store.put('{"kept":true}');
    expect(readdirSync(dir)).toEqual([]);
    expect(read()).toBe('{"kept":true}');
    store.close();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('an audit with a report store', () => {
  it('puts each checked host’s report into the store as the host is done, and returns rows that hold none', async () => {
    const store = watched(fileReportStore(scratchDir()));
    const putsWhenDone: number[] = [];
    const audit = await identityAudit({
      store,
      onHost: () => {
        putsWhenDone.push(store.puts.length);
      },
    });
    // 8 targets: 7 snapshots checked (one folded away later as a duplicate) and one unreachable.
    expect(putsWhenDone).toHaveLength(8);
    expect(store.puts).toHaveLength(7);
    // One at a time: when a host is reported done, its report (and only those before) is stored.
    expect(putsWhenDone.at(-1)).toBe(7);
    for (const [i, n] of putsWhenDone.entries()) expect(n).toBeLessThanOrEqual(i + 1);
    for (const host of audit.hosts) {
      const descriptor = Object.getOwnPropertyDescriptor(host, 'report');
      if (host.status !== 'checked') {
        expect(descriptor).toBeUndefined();
        continue;
      }
      // Not a value held by the row: a getter that reads the store.
      expect(descriptor?.value).toBeUndefined();
      expect(typeof descriptor?.get).toBe('function');
    }
    const before = store.reads;
    expect(audit.hosts.find((h) => h.name === 'ws-0001')?.report?.findings.map((f) => f.ruleId)).toEqual(['FW-01', 'ORG-01']);
    expect(store.reads).toBe(before + 1);
    store.close();
  });

  it('prints the same reports, in every format, as an audit whose rows hold their reports', async () => {
    const store = fileReportStore(scratchDir());
    const audit = await identityAudit({ store });
    const plain = materialised(audit);
    const options = { messages: messagesFor('en'), color: false };
    const streamed = [...(json.chunks?.(audit, options) ?? [])].join('');
    expect(streamed).toBe(json.render(plain, options));
    expect(JSON.parse(streamed)).toEqual(JSON.parse(json.render(plain, options)));
    expect(csv.render(audit, options)).toBe(csv.render(plain, options));
    expect(text.render(audit, options)).toBe(text.render(plain, options));
    // The same as an audit with the default (memory) store.
    const timeless = (report: string): string => report.replace(/"durationMs": ?\d+/g, '"durationMs":0');
    expect(timeless(json.render(await identityAudit(), options))).toBe(timeless(streamed));
    store.close();
  });
});

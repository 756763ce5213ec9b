import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openHost } from './index.js';
import { loadPolicy } from '../policy/load.js';
import { compileSchema } from '../policy/compile-schema.js';
import snapshotSchema from '../../schemas/snapshot.schema.json' with { type: 'json' };
import { collectSnapshot } from '../fleet/snapshot-collect.js';
import { formatSnapshot, parseSnapshot, plainlyValid } from './snapshot-format.js';

const root = new URL('../..', import.meta.url).pathname;
const fixture = join(root, 'fixtures', 'hosts', 'debian12-messenger');
let recorded: Record<string, unknown>;

/** A snapshot collected from a recorded host, as `charter collect` writes it. */
beforeAll(async () => {
  const recordedAt = (JSON.parse(readFileSync(join(fixture, 'host.json'), 'utf8')) as { recordedAt: string }).recordedAt;
  const policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
  const snapshot = await collectSnapshot(await openHost(`replay:${fixture}`, { cwd: root }), {
    catalog: { catalog: policy.catalog, file: 'policies/catalog/apps.yaml', sha256: 'a'.repeat(64) },
    now: new Date(recordedAt),
    tool: { name: 'charter', version: '0.0.0-test' },
    target: `replay:${fixture}`,
    timeoutMs: 30_000,
    redact: false,
  });
  recorded = JSON.parse(formatSnapshot(snapshot)) as Record<string, unknown>;
}, 60_000);

/** The `packed` of a written snapshot's installed-apps outcome. */
const packedOf = (s: Record<string, unknown>): { facts: unknown[]; shapes: unknown[] } =>
  (s.facts as Record<string, { packed: { facts: unknown[]; shapes: unknown[] } }>)['installed-apps']?.packed ?? { facts: [], shapes: [] };

/** Variations of a valid snapshot, valid or not, each made by one edit. */
const variations = (base: Record<string, unknown>): Record<string, unknown>[] => {
  const edits: ((s: Record<string, unknown>) => void)[] = [
    () => undefined,
    (s) => delete s.tool,
    (s) => (s.extra = 1),
    (s) => (s.snapshotVersion = 2),
    (s) => (s.tool = { name: 'other', version: '1' }),
    (s) => (s.tool = { name: 'charter', version: 1 }),
    (s) => (s.tool = { name: 'charter', version: '1', more: true }),
    (s) => (s.collectedAt = '2026-11-22'),
    (s) => (s.collectedAt = '2026-11-22T08:00:00.123Z'),
    (s) => (s.platform = 'bsd'),
    (s) => (s.platform = 'windows'),
    (s) => (s.target = { kind: 'live' }),
    (s) => (s.target = { kind: 'local', name: 'local' }),
    // Packed lists (snapshotVersion 2 only), well formed or not.
    (s) => (s.snapshotVersion = 1),
    (s) => Object.assign(packedOf(s), { extra: 1 }),
    (s) => (packedOf(s).facts = ['apps', 'apps']),
    (s) => packedOf(s).shapes.push([['a', {}]]),
    (s) => packedOf(s).shapes.push([['a', 1, 2]]),
    (s) => packedOf(s).shapes.push([['a', null], ['b'], 'c']),
    (s) => Object.assign(packedOf(s), { shapes: {} }),
    (s) => (s.target = { kind: 'local', name: 'local', class: 'laptop' }),
    (s) => (s.capabilities = { read: true, exec: 'yes', live: true }),
    (s) => (s.host = { name: null, machineId: null, redacted: true }),
    (s) => (s.host = { name: 1, machineId: null, redacted: true }),
    (s) => (s.host = { name: 'a', machineId: 'b' }),
    (s) => (s.group = 'MinFin/Treasury'),
    (s) => (s.group = 'Ministère de la Santé'),
    (s) => (s.group = ''),
    (s) => (s.group = 'a\u001b[31m'),
    (s) => (s.group = 'x'.repeat(201)),
    (s) => (s.group = '😀'.repeat(150)),
    (s) => (s.group = ['MinFin']),
    (s) => (s.catalog = { file: 'x', sha256: 'ABC', apps: 1 }),
    (s) => (s.catalog = { file: 'x', sha256: 'a'.repeat(64), apps: 1.5 }),
    (s) => (s.catalog = { file: 'x', sha256: 'a'.repeat(64), apps: -1 }),
    (s) => (s.catalog = { file: 'x', sha256: 'a'.repeat(64), apps: 0 }),
    (s) => (s.facts = []),
    (s) => (s.facts = {}),
    (s) => (s.facts = { Bad_Id: { status: 'ok', facts: {} } }),
    (s) => (s.facts = { os: { status: 'ok', facts: [] } }),
    (s) => (s.facts = { os: { status: 'ok', facts: {}, reason: 'x' } }),
    (s) => (s.facts = { os: { status: 'unsupported', reason: 'x' } }),
    (s) => (s.facts = { os: { status: 'unsupported', message: 'x' } }),
    (s) => (s.facts = { os: { status: 'error', message: 'x' } }),
    (s) => (s.facts = { os: { status: 'error', message: null } }),
    (s) => (s.facts = { os: { status: 'skipped' } }),
    (s) => (s.facts = JSON.parse('{"__proto__": {"status": "ok", "facts": {}}}') as unknown),
    (s) => Object.assign(s, JSON.parse('{"__proto__": 1}') as object),
    (s) => delete s.incomplete,
    (s) => (s.incomplete = [{ probe: 'firewall', status: 'error', message: 'nft timed out' }]),
    (s) => (s.incomplete = [{ probe: 'updates', status: 'partial', message: 'unknown: pending' }]),
    (s) => (s.incomplete = [{ probe: 'firewall', status: 'unsupported', message: 'x' }]),
    (s) => (s.incomplete = [{ probe: 'firewall', status: 'error' }]),
    (s) => (s.incomplete = [{ probe: 'Fire wall', status: 'error', message: 'x' }]),
    (s) => (s.incomplete = [{ probe: 'firewall', status: 'error', message: 'x', code: 'timeout' }]),
    (s) => (s.incomplete = {}),
    (s) => (s.incomplete = null),
  ];
  return edits.map((edit) => {
    const copy = structuredClone(base);
    edit(copy);
    return copy;
  });
};

describe('plainlyValid (the snapshot schema written out by hand)', () => {
  const validate = compileSchema(snapshotSchema);

  it('accepts a recorded snapshot, so that the schema validator is not needed for it', () => {
    expect(plainlyValid(recorded)).toBe(true);
  });

  it('accepts a snapshot written before target classes (a target without `class`) without the schema validator', () => {
    const older = structuredClone(recorded) as { target: Record<string, unknown> };
    delete older.target.class;
    expect(plainlyValid(older as Record<string, unknown>)).toBe(true);
    expect(plainlyValid({ ...recorded, target: { kind: 'local', name: 'local', class: 'laptop' } })).toBe(false);
    expect(plainlyValid({ ...recorded, target: { kind: 'local', name: 'local', extra: 1 } })).toBe(false);
  });

  it('accepts a snapshot written before the incomplete list, and one that lists probes', () => {
    const older = structuredClone(recorded);
    delete older.incomplete;
    expect(plainlyValid(older)).toBe(true);
    expect(parseSnapshot(JSON.stringify(older), 'old.json').incomplete).toBeUndefined();
    const listed = { ...recorded, incomplete: [{ probe: 'firewall', status: 'error', message: 'nft timed out' }] };
    expect(plainlyValid(listed)).toBe(true);
    expect(() => parseSnapshot(JSON.stringify({ ...recorded, incomplete: [{ probe: 'firewall', status: 'unsupported', message: 'x' }] }), 'host.json')).toThrow(
      /incomplete\.0\.status: must be one of "error", "partial"/,
    );
  });

  it('accepts only what the schema accepts', () => {
    const cases = variations(recorded);
    for (const [index, value] of cases.entries()) {
      if (plainlyValid(value)) expect(validate(value), `variation ${String(index)}`).toBe(true);
    }
    // Not merely stricter: on these it agrees with the schema both ways.
    expect(cases.filter((value) => plainlyValid(value) !== validate(value))).toEqual([]);
  });

  it('leaves the messages about broken snapshots to the schema validator', () => {
    const broken = { ...recorded, facts: { os: { status: 'ok', facts: [] } } };
    expect(() => parseSnapshot(JSON.stringify(broken), 'host.json')).toThrow(/facts\.os: a probe outcome must be/);
  });
});

describe('collectedAt is a real time in a sane range', () => {
  it.each([
    ['2026-13-45T99:99:99Z', /not a real date and time/],
    ['2026-02-30T10:00:00Z', /not a real date and time/],
    ['2026-05-04T24:00:00Z', /not a real date and time/],
    ['2026-05-04T10:60:00Z', /not a real date and time/],
    ['9999-01-01T00:00:00Z', /outside 2000–2100/],
    ['1970-01-01T00:00:00Z', /outside 2000–2100/],
  ])('refuses %s, naming the file', (collectedAt, message) => {
    expect(() => parseSnapshot(JSON.stringify({ ...recorded, collectedAt }), 'host.json')).toThrow(message);
    expect(() => parseSnapshot(JSON.stringify({ ...recorded, collectedAt }), 'host.json')).toThrow(/^host\.json: not a valid charter snapshot: "collectedAt"/);
  });

  it('accepts leap days and fractions of a second', () => {
    expect(parseSnapshot(JSON.stringify({ ...recorded, collectedAt: '2028-02-29T23:59:59.999Z' }), 'host.json').collectedAt).toBe('2028-02-29T23:59:59.999Z');
  });
});

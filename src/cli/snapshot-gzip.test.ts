/**
 * Compressed snapshots end to end: `collect --output X.json.gz` writes gzip; `check --target
 * snapshot:` and `audit` read gzip and plain alike, told apart by the first bytes, not the name; a
 * truncated gzip file and one that decompresses past the snapshot limit (a gzip bomb) are refused
 * with one clear line.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { validateSnapshot } from '../hosts/snapshot-format.js';
import { limits } from '../limits.js';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './main.js';

const root = new URL('../..', import.meta.url).pathname;
const fixture = join(root, 'fixtures', 'hosts', 'debian12-messenger');
const dir = mkdtempSync(join(tmpdir(), 'charter-gzip-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const charter = async (args: string[]) => {
  const io = memoryIo({ cwd: dir });
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
};

/** A check's findings without what changes from run to run. */
const findingsOf = (out: string): unknown => (JSON.parse(out) as { findings: unknown }).findings;

describe('compressed snapshots', () => {
  it('collect --output X.json.gz writes gzip holding the same snapshot, and a check reads either alike', async () => {
    expect((await charter(['collect', '--target', `replay:${fixture}`, '--output', 'plain.json'])).code).toBe(0);
    const written = await charter(['collect', '--target', `replay:${fixture}`, '--output', 'host.json.gz']);
    expect(written.code).toBe(0);
    const bytes = readFileSync(join(dir, 'host.json.gz'));
    expect([...bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const plain = readFileSync(join(dir, 'plain.json'), 'utf8');
    expect(gunzipSync(bytes).toString('utf8')).toBe(plain);
    expect(validateSnapshot(JSON.parse(plain), 'plain.json').snapshotVersion).toBe(2);
    // Packed (snapshotVersion 2) leaves gzip less to find: about a third, where the records as they are went to a seventh.
    expect(bytes.length * 3).toBeLessThan(plain.length);
    const fromPlain = await charter(['check', '--target', 'snapshot:plain.json', '--format', 'json']);
    const fromGzip = await charter(['check', '--target', 'snapshot:host.json.gz', '--format', 'json']);
    expect(fromGzip.code).toBe(fromPlain.code);
    expect(findingsOf(fromGzip.out)).toEqual(findingsOf(fromPlain.out));
  });

  it('tells gzip by its content, not its name: gzip under a .json name, plain JSON under a .json.gz name', async () => {
    const plain = readFileSync(join(dir, 'plain.json'));
    writeFileSync(join(dir, 'disguised.json'), gzipSync(plain));
    writeFileSync(join(dir, 'not-compressed.json.gz'), plain);
    const reference = findingsOf((await charter(['check', '--target', 'snapshot:plain.json', '--format', 'json'])).out);
    for (const name of ['disguised.json', 'not-compressed.json.gz']) {
      const result = await charter(['check', '--target', `snapshot:${name}`, '--format', 'json']);
      expect(result.err).toBe('');
      expect(findingsOf(result.out)).toEqual(reference);
    }
  });

  it('audits a folder of .json and .json.gz snapshots alike, each named without its extension', async () => {
    const fleet = join(dir, 'fleet');
    const plain = readFileSync(join(dir, 'plain.json'));
    mkdirSync(fleet);
    writeFileSync(join(fleet, 'pc-a.json'), plain);
    writeFileSync(join(fleet, 'pc-b.json.gz'), gzipSync(plain));
    const result = await charter(['audit', 'fleet', '--format', 'json']);
    const report = JSON.parse(result.out) as { hosts: { name: string; status: string; report?: { findings: unknown } }[] };
    expect(report.hosts.map((h) => [h.name, h.status])).toEqual([
      ['pc-a', 'checked'],
      ['pc-b', 'checked'],
    ]);
    expect(report.hosts[1]?.report?.findings).toEqual(report.hosts[0]?.report?.findings);
  });

  it('refuses a truncated gzip file with one line, exit 2', async () => {
    const bytes = gzipSync(readFileSync(join(dir, 'plain.json')));
    writeFileSync(join(dir, 'cut.json.gz'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    const result = await charter(['check', '--target', 'snapshot:cut.json.gz']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/cut\.json\.gz: not a complete gzip file \(unexpected end of file\)/);
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a gzip bomb (small file, decompressed past the snapshot limit) without inflating it, exit 2', async () => {
    // 40 KB of gzip that would be 24 MiB of spaces: over limits.snapshotBytes (16 MiB) once decompressed.
    const bomb = gzipSync(Buffer.concat([Buffer.from('{"snapshotVersion":1,'), Buffer.alloc(limits.snapshotBytes + (8 << 20), 0x20), Buffer.from('}')]), {
      level: 9,
    });
    expect(bomb.length).toBeLessThan(limits.snapshotBytes / 100);
    writeFileSync(join(dir, 'bomb.json'), bomb);
    const result = await charter(['check', '--target', 'snapshot:bomb.json']);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`bomb.json: gzip data decompresses to more than the limit of ${String(limits.snapshotBytes)} bytes`);
    // In an audit, the same file is one host that could not be read, with the same reason.
    const audited = await charter(['audit', 'bomb.json', '--format', 'json']);
    const report = JSON.parse(audited.out) as { hosts: { status: string; reason: string }[] };
    expect(report.hosts[0]?.status).toBe('invalid');
    expect(report.hosts[0]?.reason).toContain('decompresses to more than the limit');
  });
});

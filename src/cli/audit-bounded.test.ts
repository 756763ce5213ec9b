import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../fleet/model.js';
import type { FleetReporter } from '../reporters/audit/reporter.js';
import { collectSnapshot } from '../fleet/snapshot-collect.js';
import { formatSnapshot } from '../hosts/snapshot-format.js';
import type { Snapshot } from '../hosts/snapshot-format.js';
import { openHost } from '../hosts/index.js';
import { loadPolicy } from '../policy/load.js';
import { memoryIo } from '../testing/memory-io.js';
import { auditCommand } from './audit-command.js';

const root = new URL('../..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'charter-audit-bounded-'));
const msgPolicy = join(work, 'msg-only.yaml');
let clean: Snapshot;

const jsonReporter: FleetReporter = {
  name: 'test-json',
  extension: '.json',
  description: 'the AuditReport as JSON (test)',
  render: (report) => `${JSON.stringify(report)}\n`,
};

beforeAll(async () => {
  const charter = readFileSync(join(root, 'policies', 'lu-state-charter.yaml'), 'utf8');
  writeFileSync(msgPolicy, charter.slice(0, charter.indexOf('  - id: MSG-02')).replaceAll('catalog/', join(root, 'policies', 'catalog') + '/'));
  const dir = join(root, 'fixtures', 'hosts', 'debian12-clean');
  const recordedAt = (JSON.parse(readFileSync(join(dir, 'host.json'), 'utf8')) as { recordedAt: string }).recordedAt;
  const policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
  clean = await collectSnapshot(await openHost(`replay:${dir}`, { cwd: root }), {
    catalog: { catalog: policy.catalog, file: 'policies/catalog/apps.yaml', sha256: '0'.repeat(64) },
    now: new Date(recordedAt),
    tool: { name: 'charter', version: '0.0.0-test' },
    target: `replay:${dir}`,
    timeoutMs: 30_000,
    redact: false,
  });
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('an audit directory with hostile snapshots', () => {
  it('reports each bad one as one invalid row and checks the others', async () => {
    const write = (name: string, snapshot: Snapshot): void => {
      writeFileSync(join(work, name), formatSnapshot(snapshot));
    };
    write('a-good.json', { ...clean, host: { ...clean.host, name: 'alpha' } });
    // 4,000 levels of nesting inside a fact.
    const deep = `${'['.repeat(4000)}${']'.repeat(4000)}`;
    writeFileSync(
      join(work, 'b-deep.json'),
      formatSnapshot({ ...clean, host: { ...clean.host, name: 'bravo' } }).replace('"facts":{', `"facts":{"deep":${deep},`),
    );
    // A 100 MB host name: over the snapshot size limit, never read whole.
    writeFileSync(join(work, 'c-huge-name.json'), formatSnapshot({ ...clean, host: { ...clean.host, name: 'x'.repeat(100 * 1024 * 1024) } }));
    // A host name under the size limit but far too long for a name.
    write('d-long-name.json', { ...clean, host: { ...clean.host, name: 'y'.repeat(200_000) } });
    execFileSync('mkfifo', [join(work, 'e-fifo.json')]);
    write('f-good.json', { ...clean, host: { ...clean.host, name: 'foxtrot' } });

    const io = memoryIo({ cwd: work });
    const started = Date.now();
    const code = await auditCommand(
      { sources: [work], policy: msgPolicy, outputs: [{ format: 'test-json' }], concurrency: 4, hostTimeout: 60_000, failOn: 'low', lang: 'en' },
      io,
      { 'test-json': jsonReporter },
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(code).toBe(1);
    const report = JSON.parse(io.out()) as AuditReport;
    const rows = Object.fromEntries(report.hosts.map((h) => [h.source.split('/').pop(), [h.status, h.reason ?? '']]));
    expect(rows['a-good.json']?.[0]).toBe('checked');
    expect(rows['f-good.json']?.[0]).toBe('checked');
    expect(rows['b-deep.json']).toEqual(['invalid', expect.stringMatching(/nest deeper than 64 levels/)]);
    expect(rows['c-huge-name.json']).toEqual(['invalid', expect.stringMatching(/the limit is 16777216 bytes/)]);
    expect(rows['d-long-name.json']).toEqual(['invalid', expect.stringMatching(/host name is 200000 characters long/)]);
    expect(rows['e-fifo.json']).toEqual(['invalid', expect.stringMatching(/FIFO/)]);
    expect(io.err()).not.toContain('internal error');
    expect(io.err()).not.toContain('y'.repeat(100));
  });
});

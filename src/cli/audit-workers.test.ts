import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../fleet/model.js';

const repo = new URL('../..', import.meta.url).pathname;
const built = existsSync(join(repo, 'dist', 'audit-worker.js'));
const work = mkdtempSync(join(tmpdir(), 'charter-audit-workers-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Everything but the timings, which differ from run to run. */
const stable = (report: AuditReport) => ({
  ...report,
  startedAt: '',
  durationMs: 0,
  hosts: report.hosts.map((h) => ({ ...h, durationMs: 0, ...(h.report ? { report: { ...h.report, startedAt: '', durationMs: 0 } } : {}) })),
});

/** The built CLI (dist/), since worker threads run the built dist/audit-worker.js. */
describe.skipIf(!built)('charter audit with worker threads', () => {
  it('gives exactly the same audit with 2 threads as on the main thread alone', async () => {
    const snapshots = join(work, 'snapshots');
    await execa(process.execPath, [join(repo, 'bench', 'make-snapshots.mjs'), '--count', '300', '--output', snapshots, '--seed', '7']);
    const audit = async (workers: string) => {
      const file = join(work, `audit-${workers}.json`);
      const result = await execa(process.execPath, [join(repo, 'bin', 'charter.js'), 'audit', snapshots, '--format', 'json', '--output', file], {
        reject: false,
        env: { CHARTER_AUDIT_WORKERS: workers, CI: '1' },
      });
      expect(result.exitCode, result.stderr).toBe(1);
      return JSON.parse(readFileSync(file, 'utf8')) as AuditReport;
    };
    const threaded = await audit('2');
    const single = await audit('0');
    expect(threaded.summary.total).toBe(300);
    expect(threaded.summary.notChecked).toBeGreaterThan(0);
    expect(stable(threaded)).toEqual(stable(single));
  }, 120_000);
});

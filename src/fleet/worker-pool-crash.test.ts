import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicyFile } from '../package-info.js';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/policy.js';
import type { HostResult } from './model.js';
import { runInWorkers, type SnapshotJob } from './worker-pool.js';

/**
 * A stand-in worker speaking the pool's protocol (ready, batches in, results out), which crashes
 * on the snapshots named so: `crash` throws outside any handler, `exit` ends the thread, `flaky`
 * crashes the first time only (a marker file remembers). Every other job comes back "checked".
 */
const fakeWorker = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
parentPort.on('message', (batch) => {
  for (const job of batch) {
    if (job.file.endsWith('-exit')) process.exit(7);
    if (job.file.endsWith('-crash')) {
      setImmediate(() => { throw new Error('boom in ' + job.shown); });
      return;
    }
    if (job.file.endsWith('-flaky') && !fs.existsSync(job.file + '.seen')) {
      fs.writeFileSync(job.file + '.seen', '');
      setImmediate(() => { throw new Error('flaky ' + job.shown); });
      return;
    }
  }
  parentPort.postMessage({ kind: 'results', results: batch.map((job) => ({ index: job.index, head: { source: job.shown, name: job.shown, status: 'unreachable', reason: 'fake check', durationMs: 1 } })) });
});
parentPort.postMessage({ kind: 'ready' });
`;

describe('a worker thread that crashes loses only its hosts', () => {
  let policy: Policy;
  let work = '';
  beforeAll(async () => {
    policy = await loadPolicy(defaultPolicyFile());
    work = mkdtempSync(join(tmpdir(), 'charter-pool-'));
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  const audit = async (names: string[], count = 2): Promise<Map<number, HostResult>> => {
    const jobs: SnapshotJob[] = names.map((name, index) => ({ index, file: join(work, name), shown: name }));
    const results = new Map<number, HostResult>();
    await runInWorkers(
      jobs,
      { policy, language: 'en', failOn: 'low', tool: { name: 'charter', version: 'test' } },
      { count, script: { source: fakeWorker } },
      (index, result) => {
        expect(results.has(index), `recorded twice: ${String(index)}`).toBe(false);
        results.set(index, result);
      },
    );
    return results;
  };

  it('retries the batch of a crashed thread host by host, and reports only the culprit as not checked', async () => {
    const names = Array.from({ length: 100 }, (_, i) => `host-${String(i)}.json`);
    names[40] = 'host-40.json-crash';
    const results = await audit(names);
    expect(results.size).toBe(100);
    const culprit = results.get(40);
    expect(culprit).toMatchObject({ source: 'host-40.json-crash', status: 'error' });
    expect(culprit?.reason).toMatch(/^not checked: the worker thread checking it crashed twice \(boom in host-40\.json-crash\)$/);
    const others = [...results.entries()].filter(([index]) => index !== 40);
    expect(others.every(([, r]) => r.status === 'unreachable' && r.reason === 'fake check')).toBe(true);
  });

  it('a thread that exits is a crash too', async () => {
    const results = await audit(['a.json', 'b.json-exit', 'c.json'], 1);
    expect(results.get(1)).toMatchObject({ status: 'error', reason: 'not checked: the worker thread checking it crashed twice (it exited with code 7)' });
    expect(results.get(0)?.status).toBe('unreachable');
    expect(results.get(2)?.status).toBe('unreachable');
  });

  it('a host whose thread crashed once is checked on the retry', async () => {
    const results = await audit(['a.json', 'b.json-flaky', 'c.json'], 1);
    expect(existsSync(join(work, 'b.json-flaky.seen'))).toBe(true);
    expect([...results.values()].map((r) => r.status)).toEqual(['unreachable', 'unreachable', 'unreachable']);
  });

  it('a thread that cannot start fails the audit with the reason (every thread would)', async () => {
    const jobs: SnapshotJob[] = [{ index: 0, file: join(work, 'x.json'), shown: 'x.json' }];
    await expect(
      runInWorkers(
        jobs,
        { policy, language: 'en', failOn: 'low', tool: { name: 'charter', version: 'test' } },
        { count: 1, script: { source: 'throw new Error("no policy here")' } },
        () => undefined,
      ),
    ).rejects.toThrow('audit worker: could not start (no policy here)');
  });

  it('cancelled: the threads are ended, and what was not checked is not recorded', async () => {
    const slow = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', () => { /* never answers */ });
parentPort.postMessage({ kind: 'ready' });
`;
    const controller = new AbortController();
    const jobs: SnapshotJob[] = Array.from({ length: 10 }, (_, index) => ({ index, file: join(work, `s${String(index)}`), shown: `s${String(index)}` }));
    const recorded: number[] = [];
    const pool = runInWorkers(
      jobs,
      { policy, language: 'en', failOn: 'low', tool: { name: 'charter', version: 'test' }, signal: controller.signal },
      { count: 2, script: { source: slow } },
      (index) => recorded.push(index),
    );
    setTimeout(() => {
      controller.abort(new Error('interrupted'));
    }, 200);
    await pool;
    expect(recorded).toEqual([]);
  });
});

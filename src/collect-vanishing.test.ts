/**
 * Things that vanish are not failures: the probes that scan /proc, collected on this machine while
 * short-lived processes start and exit all the time, answer `ok` every time. Before hosts treated
 * ESRCH (a /proc/<pid> file read after its process was reaped) as absent, app-activity, ssh-server
 * and logging failed as a whole in some of these runs. No timing is asserted.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFacts } from './collect.js';
import { localHost } from './hosts/local.js';
import type { ProbeOutcome } from './model.js';
import type { Catalog } from './policy/catalog.js';
import { loadPolicy } from './policy/load.js';
import { startProcessChurn, type ProcessChurn } from './testing/process-churn.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const onLinux = process.platform === 'linux';
const title = onLinux
  ? 'probes that scan /proc while processes come and go (local host)'
  : 'probes that scan /proc while processes come and go (SKIPPED: needs Linux /proc)';

/** Every probe that lists /proc and reads per-process files (directly or through the process table). */
const procScanners = ['app-activity', 'firewall', 'listening-services', 'logging', 'management', 'screen-lock', 'ssh-server'];
const runs = 20;

describe.skipIf(!onLinux)(title, () => {
  let churn: ProcessChurn | undefined;
  let catalog: Catalog;

  beforeAll(async () => {
    catalog = (await loadPolicy(path.join(root, 'policies', 'lu-state-charter.yaml'))).catalog;
    churn = await startProcessChurn({ parallel: 4, maxMs: 180_000 });
  });

  afterAll(async () => {
    await churn?.stop();
  });

  it(`collects them ${String(runs)} times, never an error`, async () => {
    const failures: string[] = [];
    for (let run = 0; run < runs; run += 1) {
      // A fresh host each time: the process table is read once per host.
      const host = await localHost.create(undefined, { cwd: root });
      const facts = await collectFacts(host, procScanners, { platform: 'linux', catalog, now: new Date(), timeoutMs: 60_000 });
      await host.close();
      for (const [id, outcome] of Object.entries<ProbeOutcome>(facts)) {
        if (outcome.status === 'error') failures.push(`run ${String(run + 1)}: ${id}: ${outcome.message}`);
      }
      expect(Object.keys(facts).sort()).toEqual(procScanners);
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

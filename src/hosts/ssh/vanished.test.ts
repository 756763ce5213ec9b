/**
 * The ssh target and things that vanish. The remote agent answers "absent" for whatever it cannot
 * read (a process that exited between the listing of /proc and the read of its files, a file
 * removed since its directory was listed), and the auditor side answers undefined for it, as every
 * host does. Checked three ways: the cache on records as the agent writes them for a process that
 * ended mid-batch; the agent run locally (no ssh) on a zombie and on a process that has exited;
 * and the /proc-scanning probes collected through the agent while processes come and go.
 */
import { existsSync } from 'node:fs';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFacts } from '../../collect.js';
import type { ProbeOutcome } from '../../model.js';
import { loadPolicy } from '../../policy/load.js';
import { listProcesses } from '../../platform/linux/processes.js';
import { startProcessChurn, type ProcessChurn } from '../../testing/process-churn.js';
import { RemoteTreeCache } from './cache.js';
import type { AgentRecord } from './frames.js';
import { openSsh, type SshHost } from './index.js';
import { localShellTransport } from './local-transport.js';
import { prefetchOf } from '../../probes/reads.js';

const agentRuns = process.platform === 'linux' && existsSync('/usr/bin/perl');
const agentTitle = (what: string): string => (agentRuns ? what : `${what} (SKIPPED: needs Linux and /usr/bin/perl)`);

describe('ssh cache: a process that ended while the agent read /proc', () => {
  // What the agent writes when pid 7 exits after /proc was listed: its files absent, and an `A`
  // record for it at the end of the batch (the agent checks every listed entry again).
  const records: AgentRecord[] = [
    { tag: 'L', path: '/proc', names: ['1', '7'] },
    { tag: 'M', path: '/proc/1', lstatType: 'd', link: undefined, stat: { type: 'directory', size: 0, mtimeMs: 0, mode: 0o40555, uid: 0 } },
    { tag: 'M', path: '/proc/7', lstatType: 'd', link: undefined, stat: { type: 'directory', size: 0, mtimeMs: 0, mode: 0o40555, uid: 0 } },
    { tag: 'C', path: '/proc/1/cmdline', status: 'ok', bytes: Buffer.from('/sbin/init\0') },
    { tag: 'C', path: '/proc/7/cmdline', status: 'absent', bytes: Buffer.alloc(0) },
    { tag: 'L', path: '/proc/7/fd', names: undefined },
    { tag: 'A', path: '/proc/7/exe' },
    { tag: 'A', path: '/proc/7' },
  ];

  it('answers undefined for every read of it, and known reads of the others', () => {
    const cache = new RemoteTreeCache();
    cache.add(records);
    expect(cache.readFile('/proc/7/cmdline')).toBeUndefined();
    expect(cache.readFile('/proc/7/comm')).toBeUndefined();
    expect(cache.readDir('/proc/7/fd')).toBeUndefined();
    expect(cache.readLink('/proc/7/exe')).toBeUndefined();
    expect(cache.stat('/proc/7')).toBeUndefined();
    expect(cache.stat('/proc/7/status')).toBeUndefined();
    expect(cache.readFile('/proc/1/cmdline')?.toString()).toBe('/sbin/init\0');
  });
});

describe.skipIf(!agentRuns)(agentTitle('ssh agent (run locally, no ssh): processes that are gone'), () => {
  let host: SshHost;
  let parent: ResultPromise | undefined;
  let zombie = 0;

  beforeAll(async () => {
    // A zombie: `true` exits, and its parent (now `sleep`) never reaps it.
    parent = execa('sh', ['-c', 'true & echo $!; exec sleep 60'], { stdin: 'ignore', reject: false });
    zombie = await new Promise<number>((resolve) => {
      parent?.stdout?.once('data', (chunk: Buffer) => {
        resolve(Number(chunk.toString().trim()));
      });
    });
    // Nothing prefetched: every read below goes to the agent after the processes are gone.
    host = await openSsh('localhost', { transport: localShellTransport(), manifest: [] });
  });

  afterAll(async () => {
    await host.close();
    parent?.kill('SIGKILL');
    await parent;
  });

  it('answers undefined for the files of a process that has exited', async () => {
    const child = execa('sleep', ['60'], { stdin: 'ignore', reject: false });
    const pid = child.pid ?? 0;
    child.kill('SIGKILL');
    await child;
    expect(await host.readFile(`/proc/${String(pid)}/cmdline`)).toBeUndefined();
    expect(await host.readFile(`/proc/${String(pid)}/status`)).toBeUndefined();
    expect(await host.readLink(`/proc/${String(pid)}/exe`)).toBeUndefined();
    expect(await host.readDir(`/proc/${String(pid)}/fd`)).toBeUndefined();
    expect(await host.stat(`/proc/${String(pid)}`)).toBeUndefined();
  });

  it('reads a zombie as a process without command line or executable', async () => {
    expect(zombie).toBeGreaterThan(0);
    expect((await host.readFile(`/proc/${String(zombie)}/cmdline`))?.length ?? 0).toBe(0);
    expect(await host.readLink(`/proc/${String(zombie)}/exe`)).toBeUndefined();
    const table = await listProcesses(host);
    expect(table?.find((p) => p.pid === zombie)?.argv ?? []).toEqual([]);
  });
});

describe.skipIf(!agentRuns)(agentTitle('ssh agent (run locally, no ssh): /proc scans while processes come and go'), () => {
  let churn: ProcessChurn | undefined;

  beforeAll(async () => {
    churn = await startProcessChurn({ parallel: 4, maxMs: 120_000 });
  });

  afterAll(async () => {
    await churn?.stop();
  });

  it('collects the /proc-scanning probes 5 times, never an error', async () => {
    const { catalog } = await loadPolicy('policies/lu-state-charter.yaml');
    const ids = ['app-activity', 'listening-services', 'logging', 'ssh-server'];
    const failures: string[] = [];
    for (let run = 0; run < 5; run += 1) {
      const host = await openSsh('localhost', { transport: localShellTransport(), prefetch: prefetchOf() });
      try {
        const facts = await collectFacts(host, ids, { platform: 'linux', catalog, now: new Date(), timeoutMs: 60_000 });
        for (const [id, outcome] of Object.entries<ProbeOutcome>(facts)) {
          if (outcome.status === 'error') failures.push(`run ${String(run + 1)}: ${id}: ${outcome.message}`);
        }
      } finally {
        await host.close();
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

import { describe, expect, it } from 'vitest';
import type { Host } from '../hosts/host.js';
import { defaultPolicyFile } from '../package-info.js';
import { loadPolicy } from '../policy/load.js';
import { audit } from './audit.js';
import type { FleetTarget } from './targets.js';

/** Hosts that open but never answer: only a cancellation (or the host time limit) ends their check. */
const stuckTarget = (name: string, closed: string[], ran: string[], opened: string[]): FleetTarget => ({
  source: name,
  openFailure: 'unreachable',
  open: () => {
    opened.push(name);
    return Promise.resolve<Host>({
      kind: 'stuck',
      name,
      capabilities: { read: true, exec: true, live: true },
      platform: () => Promise.resolve('linux'),
      readFile: () => new Promise<never>(() => undefined),
      readDir: () => new Promise<never>(() => undefined),
      stat: () => new Promise<never>(() => undefined),
      readLink: () => new Promise<never>(() => undefined),
      run: (file, _args, options) => {
        ran.push(file);
        // A host that can stop its commands ends them when their signal is aborted.
        return new Promise((resolve) => {
          options?.signal?.addEventListener('abort', () => {
            resolve({ exitCode: 137, stdout: '', stderr: '', timedOut: false, cancelled: true });
          });
        });
      },
      close: () => {
        closed.push(name);
        return Promise.resolve();
      },
    });
  },
});

describe('audit cancelled by its AbortSignal', () => {
  it('gives up the hosts being checked, closes them, starts no other, and rejects with the reason', async () => {
    const policy = await loadPolicy(defaultPolicyFile());
    const closed: string[] = [];
    const ran: string[] = [];
    const opened: string[] = [];
    const targets = Array.from({ length: 6 }, (_, i) => stuckTarget(`stuck-${String(i)}`, closed, ran, opened));
    const controller = new AbortController();
    const reason = new Error('interrupted by SIGINT');
    const seen: string[] = [];
    const pending = audit({
      targets,
      policy,
      language: 'en',
      failOn: 'low',
      now: () => new Date('2026-12-07T10:00:00Z'),
      tool: { name: 'charter', version: 'test' },
      concurrency: 2,
      hostTimeoutMs: 86_400_000,
      probeTimeoutMs: 3_600_000,
      signal: controller.signal,
      onHost: (result) => seen.push(`${result.source}: ${result.status}`),
    });
    // Wait until both lanes have opened their host (whose reads then never answer).
    while (opened.length < 2) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    // The two hosts being checked were given up and closed; the four others never started.
    expect(seen.sort()).toEqual(['stuck-0: error', 'stuck-1: error']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed.sort()).toEqual(['stuck-0', 'stuck-1']);
  });
});

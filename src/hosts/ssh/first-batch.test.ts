import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstBatchGate } from './content-store.js';
import { openSsh } from './index.js';
import { localShellTransport } from './local-transport.js';
import type { Transport } from './transport.js';

/** A promise and its resolvers. */
const deferred = <T>() => {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

const turns = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the first batches of the first hosts', () => {
  it('go one at a time until one is answered, then all at once', async () => {
    const gate = firstBatchGate();
    const sent: string[] = [];
    const first = deferred<string>();
    const a = gate(() => (sent.push('a'), first.promise));
    const b = gate(() => (sent.push('b'), Promise.resolve('b')));
    const c = gate(() => (sent.push('c'), Promise.resolve('c')));
    await turns();
    expect(sent).toEqual(['a']);
    first.resolve('a');
    expect(await Promise.all([a, b, c])).toEqual(['a', 'b', 'c']);
    expect(sent.sort()).toEqual(['a', 'b', 'c']);
    // Answered once: a later first batch is sent at once.
    const later = deferred<string>();
    const d = gate(() => (sent.push('d'), later.promise));
    const e = gate(() => (sent.push('e'), Promise.resolve('e')));
    await turns();
    expect(sent.slice(3).sort()).toEqual(['d', 'e']);
    later.resolve('d');
    await Promise.all([d, e]);
  });

  it('lets the next one go when the first fails, and reports the failure to its own host only', async () => {
    const gate = firstBatchGate();
    const sent: string[] = [];
    const first = deferred<string>();
    const a = gate(() => (sent.push('a'), first.promise));
    const b = gate(() => (sent.push('b'), Promise.resolve('b')));
    await turns();
    expect(sent).toEqual(['a']);
    first.reject(new Error('connection refused'));
    await expect(a).rejects.toThrow('connection refused');
    expect(await b).toBe('b');
  });

  it('never holds a host longer than its wait, whatever the first one does', async () => {
    const gate = firstBatchGate();
    const stuck = deferred<string>();
    void gate(() => stuck.promise);
    // No wait allowed: sent at once although the first has no answer.
    expect(await gate(() => Promise.resolve('b'), 0)).toBe('b');
    stuck.resolve('a');
  });
});

const perl = existsSync('/usr/bin/perl');

/** The local agent, counting the bytes each session sends back. */
const countingTransport = (): Transport & { received: () => number } => {
  let received = 0;
  const inner = localShellTransport();
  return {
    received: () => received,
    open: (script) => {
      const channel = inner.open(script);
      return {
        ...channel,
        ended: channel.ended,
        onData: (listener) => {
          channel.onData((chunk) => {
            received += chunk.length;
            listener(chunk);
          });
        },
      };
    },
  };
};

describe.skipIf(process.platform !== 'linux' || !perl)('hosts opened together (agent run locally)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'charter-first-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  // The first openSsh of this test file's process: nothing is held yet, no first batch answered.
  it('receive a prefetched content once: the others get it by digest, and a different one whole', async () => {
    const content = randomBytes(300 * 1024);
    const changed = Buffer.from(content);
    changed[1000] = (changed[1000] ?? 0) ^ 0x80;
    writeFileSync(join(dir, 'status'), content);
    writeFileSync(join(dir, 'changed'), changed);
    const third = countingTransport();
    const wires = [countingTransport(), countingTransport(), third];
    const manifest = (file: string) => [{ op: 'f' as const, path: join(dir, file), pattern: false, maxBytes: 1024 * 1024 }];
    // Two hosts opened together, whichever goes first; then one whose file differs by one byte.
    const together = await Promise.all(wires.slice(0, 2).map((wire) => openSsh('localhost', { transport: wire, manifest: manifest('status') })));
    const hosts = [...together, await openSsh('localhost', { transport: third, manifest: manifest('changed') })];
    try {
      const [a, b, c] = await Promise.all(hosts.map((host, i) => host.readFile(join(dir, i === 2 ? 'changed' : 'status'))));
      expect(a?.equals(content)).toBe(true);
      // Needs Digest::SHA on this side (Debian's perl has it).
      expect(b).toBe(a);
      expect(c?.equals(changed)).toBe(true);
      const sent = wires.map((wire) => wire.received());
      expect(sent.filter((bytes) => bytes > content.length)).toHaveLength(2);
      expect(Math.min(sent[0] ?? 0, sent[1] ?? 0)).toBeLessThan(10_000);
      expect(sent[2]).toBeGreaterThan(content.length);
      // Everything came in the first batch: no read on demand.
      expect(hosts.map((host) => host.fetchedOnDemand)).toEqual([[], [], []]);
    } finally {
      await Promise.all(hosts.map((host) => host.close()));
    }
  });
});

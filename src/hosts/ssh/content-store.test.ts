import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dedupBytes } from './agent.js';
import { openSsh } from './index.js';
import { localShellTransport } from './local-transport.js';
import type { Transport } from './transport.js';

const perl = existsSync('/usr/bin/perl');

/** The local agent, counting the bytes each session sends back, and keeping what was written to it. */
const countingTransport = (): Transport & { received: () => number; written: string[] } => {
  let received = 0;
  const written: string[] = [];
  const inner = localShellTransport();
  return {
    received: () => received,
    written,
    open: (script) => {
      const channel = inner.open(script);
      return {
        ...channel,
        write: (text) => {
          written.push(text);
          channel.write(text);
        },
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

/** Only the files under `dir`: no prefetch of the machine's own files. */
const open = (dir: string, transport: Transport) => openSsh('localhost', { transport, manifest: [{ op: 'd', path: dir, pattern: false }] });

describe.skipIf(process.platform !== 'linux' || !perl)('big contents across hosts (agent run locally)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'charter-dedup-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  // Unique per run: the store lives as long as the test process.
  const x = randomBytes(dedupBytes + 1000);
  const y = Buffer.from(x);
  y[y.length - 1] = (y[y.length - 1] ?? 0) ^ 0xff;
  writeFileSync(join(dir, 'x1'), x);
  writeFileSync(join(dir, 'x2'), x);
  writeFileSync(join(dir, 'y'), y);

  it('sends a content once; the same bytes under another path come by digest, different ones whole', async () => {
    const firstWire = countingTransport();
    const secondWire = countingTransport();
    const first = await open(dir, firstWire);
    const second = await open(dir, secondWire);
    try {
      const a = await first.readFile(join(dir, 'x1'));
      expect(a?.equals(x)).toBe(true);
      expect(firstWire.received()).toBeGreaterThan(x.length);
      const before = secondWire.received();
      const b = await second.readFile(join(dir, 'x2'));
      // Needs Digest::SHA or openssl on this side: Debian's perl has Digest::SHA.
      expect(b).toBe(a);
      expect(secondWire.received() - before).toBeLessThan(1000);
      // Same size, one byte different: the agent's digest differs, the bytes come whole.
      const c = await second.readFile(join(dir, 'y'));
      expect(c?.equals(y)).toBe(true);
      expect(secondWire.received() - before).toBeGreaterThan(y.length);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('offers a batch whose sizes are known only the contents of those sizes, and keeps a small one exact', async () => {
    // Small contents (a few KB: release files, schemas) are compared too; one byte apart is its own.
    const size = dedupBytes + 17;
    const p = randomBytes(size);
    const q = Buffer.from(p);
    q[0] = (q[0] ?? 0) ^ 0x01;
    const other = randomBytes(size + 1);
    writeFileSync(join(dir, 'p1'), p);
    writeFileSync(join(dir, 'p2'), p);
    writeFileSync(join(dir, 'q'), q);
    writeFileSync(join(dir, 'other'), other);
    // Below the threshold: never offered, always sent.
    const small = randomBytes(dedupBytes - 1);
    writeFileSync(join(dir, 's1'), small);
    writeFileSync(join(dir, 's2'), small);
    const firstWire = countingTransport();
    const secondWire = countingTransport();
    const first = await open(dir, firstWire);
    const second = await open(dir, secondWire);
    try {
      const [a, o, s] = await Promise.all([first.readFile(join(dir, 'p1')), first.readFile(join(dir, 'other')), first.readFile(join(dir, 's1'))]);
      expect(a?.equals(p)).toBe(true);
      expect(o?.equals(other)).toBe(true);
      const written = secondWire.written.length;
      const b = await second.readFile(join(dir, 'p2'));
      expect(b).toBe(a);
      // The batch for p2 (its size known from the listing's stat) offered one digest: p's, not other's.
      const batch = secondWire.written.slice(written).join('');
      expect(batch.split('\n').filter((line) => line.startsWith('K '))).toEqual([`K ${createHash('sha256').update(p).digest('hex')} ${String(size)}`]);
      const c = await second.readFile(join(dir, 'q'));
      expect(c?.equals(q)).toBe(true);
      expect(c).not.toBe(a);
      const t = await second.readFile(join(dir, 's2'));
      expect(t?.equals(small)).toBe(true);
      expect(t).not.toBe(s);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  // 5 MiB: the agent hashes it with openssl when there is one (SHA instructions), else Digest::SHA.
  it('has hosts that start together wait for the transfer under way, then answer by digest', async () => {
    const z = randomBytes(5 * 1024 * 1024);
    writeFileSync(join(dir, 'z'), z);
    const wires = [countingTransport(), countingTransport(), countingTransport()];
    const hosts = await Promise.all(wires.map((wire) => open(dir, wire)));
    try {
      const before = wires.map((wire) => wire.received());
      const contents = await Promise.all(hosts.map((host) => host.readFile(join(dir, 'z'))));
      expect(contents[0]?.equals(z)).toBe(true);
      expect(contents[1]).toBe(contents[0]);
      expect(contents[2]).toBe(contents[0]);
      const sent = wires.map((wire, i) => wire.received() - (before[i] ?? 0));
      expect(sent.filter((bytes) => bytes > z.length)).toHaveLength(1);
    } finally {
      await Promise.all(hosts.map((host) => host.close()));
    }
  });
});

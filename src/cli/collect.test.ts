import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectSnapshot } from '../fleet/snapshot-collect.js';
import { validateSnapshot } from '../hosts/snapshot-format.js';
import { fakeHost } from '../testing/fake-host.js';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './main.js';

const root = new URL('../..', import.meta.url).pathname;
const fixture = join(root, 'fixtures', 'hosts', 'debian12-messenger');
const dir = mkdtempSync(join(tmpdir(), 'charter-collect-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const collect = async (args: string[]) => {
  const io = memoryIo({ cwd: dir });
  const code = await run(['collect', ...args], io);
  return { code, out: io.out(), err: io.err() };
};

describe('charter collect', () => {
  it('writes a valid snapshot of every probe, naming the catalog it matched apps with', async () => {
    const { code, err } = await collect(['--target', `replay:${fixture}`, '--output', 'snap.json']);
    expect(code).toBe(0);
    expect(err).toMatch(/^charter: wrote snap\.json \(\d+ probes: \d+ ok, \d+ unsupported, \d+ error\)\n$/);
    const text = readFileSync(join(dir, 'snap.json'), 'utf8');
    const snapshot = validateSnapshot(JSON.parse(text), 'snap.json');
    expect(snapshot.snapshotVersion).toBe(2);
    expect(snapshot.tool.name).toBe('charter');
    expect(snapshot.target).toEqual({ kind: 'replay', name: 'local', class: 'live' });
    expect(snapshot.catalog.file).toBe('policies/catalog/apps.yaml');
    expect(snapshot.catalog.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshot.catalog.apps).toBeGreaterThan(10);
    expect(snapshot.collectedAt).toBe('2026-11-22T08:00:00.000Z');
    expect(snapshot.incomplete).toEqual([]);
  });

  it('exits 3, names the probe on stderr and lists it in the snapshot when a probe could not see everything', async () => {
    // The recorded host, without its lsblk output: the replay answers that command with an error.
    const broken = join(dir, 'no-lsblk');
    cpSync(fixture, broken, { recursive: true });
    const commands = JSON.parse(readFileSync(join(broken, 'commands.json'), 'utf8')) as { argv: string[] }[];
    writeFileSync(join(broken, 'commands.json'), JSON.stringify(commands.filter((c) => c.argv[0] !== 'lsblk')));
    const { code, err } = await collect(['--target', `replay:${broken}`, '--output', 'incomplete.json', '--lang', 'en']);
    expect(code).toBe(3);
    const lines = err.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^charter: wrote incomplete\.json \(\d+ probes: \d+ ok, \d+ unsupported, 1 error\)$/);
    expect(lines[1]).toMatch(/^charter: incomplete: 1 probe\(s\) could not see everything: disk-encryption \(.*lsblk.*not recorded.*\)$/);
    const snapshot = validateSnapshot(JSON.parse(readFileSync(join(dir, 'incomplete.json'), 'utf8')), 'incomplete.json');
    expect(snapshot.incomplete).toEqual([{ probe: 'disk-encryption', status: 'error', message: expect.stringContaining('not recorded') as unknown }]);
    expect(snapshot.facts['disk-encryption']?.status).toBe('error');
  });

  it('records the class --target-class names, which a check of the snapshot then uses', async () => {
    expect((await collect(['--target', `replay:${fixture}`, '--output', 'forced.json', '--target-class', 'os-image'])).code).toBe(0);
    const snapshot = validateSnapshot(JSON.parse(readFileSync(join(dir, 'forced.json'), 'utf8')), 'forced.json');
    expect(snapshot.target.class).toBe('os-image');
    const io = memoryIo({ cwd: dir });
    await run(['check', '--target', 'snapshot:forced.json', '--format', 'json'], io);
    expect((JSON.parse(io.out()) as { target: { class: string } }).target.class).toBe('os-image');
    expect(await collect(['--target', `replay:${fixture}`, '--output', 'x.json', '--target-class', 'vm'])).toMatchObject({
      code: 2,
      err: "charter: --target-class expects one of live, os-image, container-image, got 'vm'\n",
    });
  });

  it('replaces the host name, machine id and users with stable pseudonyms under --redact', async () => {
    const first = await collect(['--target', `replay:${fixture}`, '--output', 'redacted.json', '--redact']);
    expect(first.code).toBe(0);
    const text = readFileSync(join(dir, 'redacted.json'), 'utf8');
    const hostName = readFileSync(join(fixture, 'files', 'proc', 'sys', 'kernel', 'hostname'), 'utf8').trim();
    expect(text).not.toMatch(new RegExp(`\\b${hostName}\\b`));
    const snapshot = validateSnapshot(JSON.parse(text), 'redacted.json');
    expect(snapshot.host.name).toMatch(/^host-[0-9a-f]{12}$/);
    expect(snapshot.host.redacted).toBe(true);
    await collect(['--target', `replay:${fixture}`, '--output', 'again.json', '--redact']);
    expect(readFileSync(join(dir, 'again.json'), 'utf8')).toBe(text);
  });

  it('redacts a real-looking host name, machine id and user everywhere in the facts', async () => {
    const machineId = '5f2b9c0e4a7d4e1f8c3b6a9d0e2f4a6b';
    const host = fakeHost({
      files: {
        '/etc/hostname': 'jdupont-laptop.ctie.etat.lu\n',
        '/etc/machine-id': `${machineId}\n`,
        '/etc/os-release': 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
        '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\njdupont:x:1000:1000:Jean Dupont:/home/jdupont:/bin/bash\n',
        '/home/jdupont/.bashrc': '# jdupont-laptop\n',
      },
    });
    const policyCatalog = { apps: [] };
    const redact = async (redactOn: boolean) =>
      JSON.stringify(
        await collectSnapshot(host, {
          catalog: { catalog: policyCatalog, file: 'policies/catalog/apps.yaml', sha256: '0'.repeat(64) },
          now: new Date('2026-11-22T08:00:00.000Z'),
          tool: { name: 'charter', version: '0' },
          target: 'local',
          timeoutMs: 5000,
          redact: redactOn,
        }),
      );
    const plain = await redact(false);
    expect(plain).toContain('jdupont');
    expect(plain).toContain(machineId);
    const redacted = await redact(true);
    for (const secret of ['jdupont', 'Jean Dupont', machineId, 'ctie']) expect(redacted).not.toContain(secret);
    expect(await redact(true)).toBe(redacted);
  });

  it('exits 2 and writes nothing for a target it cannot open', async () => {
    const { code, err } = await collect(['--target', 'replay:/nonexistent/dir', '--output', 'never.json']);
    expect(code).toBe(2);
    expect(err).toContain('not found');
    expect(() => readFileSync(join(dir, 'never.json'))).toThrow();
    expect((await collect(['--target', 'local'])).code).toBe(2);
  });

  it('refuses to check a snapshot whose collectedAt is not a real time: one line naming the file, exit 2', async () => {
    expect((await collect(['--target', `replay:${fixture}`, '--output', 'dated.json'])).code).toBe(0);
    const snapshot = JSON.parse(readFileSync(join(dir, 'dated.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'impossible.json'), JSON.stringify({ ...snapshot, collectedAt: '2026-13-45T99:99:99Z' }));
    const io = memoryIo({ cwd: dir });
    expect(await run(['check', '--target', 'snapshot:impossible.json'], io)).toBe(2);
    expect(io.err().trimEnd().split('\n')).toEqual([
      expect.stringMatching(/impossible\.json: not a valid charter snapshot: "collectedAt" "2026-13-45T99:99:99Z" is not a real date and time$/),
    ]);
  }, 60_000);
});

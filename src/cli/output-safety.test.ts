/**
 * `--output` never damages what it is given and never loses a run's work in a stack trace: a device
 * or FIFO stays what it is, a link or directory is refused, a missing directory is refused before
 * the target is read, and a full disk leaves nothing behind (README, "Output files").
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './main.js';

const repo = new URL('../..', import.meta.url).pathname;
const fixture = `replay:${join(repo, 'fixtures', 'hosts', 'debian12-clean')}`;
const dir = mkdtempSync(join(tmpdir(), 'charter-output-safety-'));
const isRoot = process.getuid?.() === 0;

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  // Should a regression ever replace /dev/null, give the machine its device back.
  if (isRoot && !lstatSync('/dev/null').isCharacterDevice()) {
    rmSync('/dev/null', { force: true });
    await execa('mknod', ['-m', '666', '/dev/null', 'c', '1', '3']);
  }
});

const charter = async (args: string[]) => {
  const io = memoryIo({ cwd: dir });
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
};

/** Exit 2 with exactly one stderr line, no stack trace. */
const expectOneLine = (result: { code: number; err: string }, pattern: RegExp): void => {
  expect(result.code).toBe(2);
  expect(result.err).toMatch(pattern);
  expect(result.err.trimEnd().split('\n')).toHaveLength(1);
  expect(result.err).not.toMatch(/internal error|\n\s+at /);
};

describe('check --output onto what is not a regular file', () => {
  it.skipIf(!isRoot)('writes through a device node made with mknod and leaves it a device', async () => {
    const device = join(dir, 'null-device');
    await execa('mknod', ['-m', '666', device, 'c', '1', '3']);
    const result = await charter(['check', '--target', fixture, '--format', 'json', '--output', device]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`wrote ${device}`);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
  });
  if (!isRoot) console.warn('skipped: check --output onto a device node made with mknod needs root');

  it('leaves /dev/null a character device', async () => {
    const result = await charter(['check', '--target', fixture, '--format', 'json', '--output', '/dev/null']);
    expect(result.code).toBe(1);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync('/dev').filter((f) => f.startsWith('.null.'))).toEqual([]);
  });

  it('writes through a FIFO to its reader and leaves it a FIFO', async () => {
    const fifo = join(dir, 'report.pipe');
    await execa('mkfifo', [fifo]);
    const read = readFile(fifo, 'utf8');
    const result = await charter(['check', '--target', fixture, '--format', 'json', '--output', fifo]);
    expect(result.code).toBe(1);
    expect(JSON.parse(await read)).toMatchObject({ target: { kind: 'replay' } });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('refuses a symbolic link, leaving the link and its file as they were', async () => {
    writeFileSync(join(dir, 'kept.json'), 'old');
    const link = join(dir, 'link.json');
    symlinkSync('kept.json', link);
    expectOneLine(await charter(['check', '--target', fixture, '--output', link]), /^charter: cannot write .*link\.json: it is a symbolic link/);
    expect(readlinkSync(link)).toBe('kept.json');
    expect(readFileSync(join(dir, 'kept.json'), 'utf8')).toBe('old');
  });

  it('refuses a directory', async () => {
    const sub = join(dir, 'reports');
    mkdirSync(sub);
    expectOneLine(await charter(['check', '--target', fixture, '--format', 'json', '--output', sub]), /^charter: cannot write .*reports: it is a directory$/m);
  });
});

describe('an output or input that cannot be used stops the run before the target is read', () => {
  // Each target here does not exist: were it opened first, the error would name it instead.
  const missing = join(dir, 'no-such-dir', 'out.json');
  const refusedOutput = new RegExp(`^charter: cannot write ${missing}: the directory ${join(dir, 'no-such-dir')} does not exist$`, 'm');

  it('check, collect and audit refuse an --output in a missing directory', async () => {
    expectOneLine(await charter(['check', '--target', 'replay:/nonexistent', '--output', missing]), refusedOutput);
    expectOneLine(await charter(['collect', '--target', 'replay:/nonexistent', '--output', missing]), refusedOutput);
    expectOneLine(await charter(['audit', '--inventory', join(dir, 'no-inventory.txt'), '--format', 'json', '--output', missing]), refusedOutput);
    expect(existsSync(join(dir, 'no-such-dir'))).toBe(false);
  });

  it('record refuses an --output that is a file', async () => {
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, '');
    expectOneLine(
      await charter(['record', '--target', 'replay:/nonexistent', '--output', file]),
      /cannot write .*not-a-dir: it exists and is not a directory$/m,
    );
  });

  it('--policy or --waivers naming a directory is one line, exit 2', async () => {
    const result = await charter(['check', '--target', 'replay:/nonexistent', '--policy', dir]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^(\.|\/\S+):1:1: cannot read file: it is a directory, not a file$/m);
    expect(result.err).not.toMatch(/internal error|nonexistent/);
    const waivers = await charter(['check', '--target', fixture, '--waivers', dir]);
    expect(waivers.code).toBe(2);
    expect(waivers.err).toContain('cannot read file: it is a directory, not a file');
  });
});

/**
 * The built CLI as a whole process in a private mount namespace, writing a report bigger than a
 * 16 KiB tmpfs: exit 2, one line, nothing left (no temporary file), an earlier file intact.
 */
const built = join(repo, 'dist', 'cli.js');
const probeDir = join(dir, 'probe-mount');
mkdirSync(probeDir);
const mountable =
  existsSync(built) &&
  (await execa('unshare', ['--mount', '--propagation', 'private', '--', 'mount', '-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', probeDir], { reject: false }))
    .exitCode === 0;
if (!mountable)
  console.warn(`skipped: the full-disk output test needs ${existsSync(built) ? 'unshare --mount and mount -t tmpfs (root)' : 'the built CLI (npm run build)'}`);

/** Inside the namespace: mount the small tmpfs, optionally put an earlier report there, run the CLI, say what is left. */
const inNamespace = `
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const [mountDir, earlier, cli, ...args] = process.argv.slice(1);
execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', mountDir]);
if (earlier === 'yes') fs.writeFileSync(mountDir + '/report.json', 'earlier');
const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const files = fs.readdirSync(mountDir);
process.stdout.write(JSON.stringify({ code: r.status, err: r.stderr, files, content: files.includes('report.json') ? fs.readFileSync(mountDir + '/report.json', 'utf8') : null }));
`;

describe.skipIf(!existsSync(built))('check --output /dev/stdout (built CLI)', () => {
  it('writes the report to the standard output the caller gave, a pipe here', async () => {
    const result = await execa(
      process.execPath,
      [join(repo, 'bin', 'charter.js'), 'check', '--target', fixture, '--format', 'json', '--output', '/dev/stdout'],
      { reject: false },
    );
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ target: { kind: 'replay' } });
    expect(result.stderr).toContain('wrote /dev/stdout');
  });
});

describe.skipIf(!mountable)('check --output onto a full disk (built CLI, private tmpfs)', () => {
  const full = async (earlier: boolean) => {
    const mountDir = join(dir, earlier ? 'full-earlier' : 'full-new');
    mkdirSync(mountDir);
    const cliArgs = ['check', '--target', fixture, '--format', 'json', '--output', join(mountDir, 'report.json')];
    const result = await execa('unshare', [
      '--mount',
      '--propagation',
      'private',
      '--',
      process.execPath,
      '-e',
      inNamespace,
      mountDir,
      earlier ? 'yes' : 'no',
      join(repo, 'bin', 'charter.js'),
      ...cliArgs,
    ]);
    return JSON.parse(result.stdout) as { code: number; err: string; files: string[]; content: string | null };
  };

  it('leaves no file and exits 2 with one line naming the path and the cause', async () => {
    const after = await full(false);
    expectOneLine(after, /^charter: cannot write .*full-new\/report\.json: no space left on device \(ENOSPC\)$/m);
    expect(after.files).toEqual([]);
  });

  it('leaves an earlier report as it was', async () => {
    const after = await full(true);
    expectOneLine(after, /no space left on device/);
    expect(after.files).toEqual(['report.json']);
    expect(after.content).toBe('earlier');
  });
});

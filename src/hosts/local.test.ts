import { chmod, mkdtemp, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import type { Host } from './host.js';
import { absentAsUndefined, localHost } from './local.js';

const isRoot = process.getuid?.() === 0;

/** Live (non-zombie) processes of group `pgid`, from /proc: dead members wait for init to reap them. */
const liveMembers = async (pgid: number): Promise<number> => {
  let count = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid pgrp ...: comm may hold spaces, so split after the last ')'.
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(group) === pgid && state !== 'Z' && state !== 'X') count += 1;
  }
  return count;
};

/** Live members of a group that was just sent SIGKILL, once they are gone or after two seconds. */
const membersAfterKill = async (pgid: number): Promise<number> => {
  for (let attempt = 0; ; attempt += 1) {
    const live = await liveMembers(pgid);
    if (live === 0 || attempt >= 40) return live;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('local host: run', () => {
  let host: Host;
  beforeAll(async () => {
    host = await localHost.create(undefined, { cwd: process.cwd() });
  });

  // Whether the run returned early is the test's own time limit's to say (30 s sleeps would hold it
  // past it); no assertion here measures time.
  it('kills the whole process group on timeout, even when a grandchild holds stdout', async () => {
    const result = await host.run('sh', ['-c', 'echo $$; sleep 30 & sleep 31'], { timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBe(128 + 15);
    const pgid = Number(result.stdout.trim());
    expect(pgid).toBeGreaterThan(0);
    expect(await membersAfterKill(pgid)).toBe(0);
  });

  it('follows SIGTERM with SIGKILL for a group that ignores SIGTERM', async () => {
    const result = await host.run('sh', ['-c', 'echo $$; trap "" TERM; sleep 30 & sleep 31'], { timeoutMs: 200 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBe(128 + 9);
    expect(await membersAfterKill(Number(result.stdout.trim()))).toBe(0);
  });

  it('does not time out a command that finishes in time', async () => {
    const result = await host.run('sh', ['-c', 'echo out; echo err >&2; exit 3'], { timeoutMs: 5000 });
    expect(result).toEqual({ exitCode: 3, stdout: 'out', stderr: 'err', timedOut: false });
  });

  it('answers exit code 127 and spawnError ENOENT for a missing program', async () => {
    const result = await host.run('charter-no-such-program', ['--version']);
    expect(result.exitCode).toBe(127);
    expect(result.spawnError).toBe('ENOENT');
    expect(result.timedOut).toBe(false);
    expect(result.stdout).toBe('');
  });

  it('answers 126 and the error code for a file that is not executable', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'charter-local-'));
    try {
      await writeFile(path.join(dir, 'data'), 'not a program\n', { mode: 0o644 });
      const result = await host.run(path.join(dir, 'data'), []);
      expect(result.exitCode).toBe(126);
      expect(result.spawnError).toBe('EACCES');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs with LC_ALL=C and LANG=C', async () => {
    const result = await host.run('sh', ['-c', 'echo "$LC_ALL $LANG"']);
    expect(result.stdout).toBe('C C');
  });

  it('passes arguments as argv, never through a shell', async () => {
    const hostile = '$(echo pwned); `id` | cat > /dev/null & "\'';
    const result = await host.run('printf', ['%s', hostile]);
    expect(result.stdout).toBe(hostile);
  });

  it('ignores stdin: a program reading it sees end of file at once', async () => {
    const result = await host.run('cat', [], { timeoutMs: 5000 });
    expect(result).toEqual({ exitCode: 0, stdout: '', stderr: '', timedOut: false });
  });

  it('refuses an argument after local:', async () => {
    await expect(localHost.create('x', { cwd: process.cwd() })).rejects.toBeInstanceOf(UsageError);
  });
});

describe('local host: exit', () => {
  it('kills outstanding process groups when the process exits', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'charter-exit-'));
    try {
      const pidFile = path.join(dir, 'pgid');
      const script = path.join(dir, 'script.mjs');
      // A real Node process using local.ts (bundled, since Node 20 cannot load TypeScript) exits
      // while its command is still running.
      await build({
        stdin: {
          contents: [
            "import { localHost } from './local.ts';",
            'const host = await localHost.create(undefined, { cwd: "." });',
            // The group id written whole (to a temporary name, then renamed) once the sleeps run.
            `void host.run('sh', ['-c', 'sleep 30 & sleep 31 & echo $$ > ${pidFile}.tmp && mv ${pidFile}.tmp ${pidFile}; wait'], { timeoutMs: 60000 });`,
            `const wait = () => new Promise((r) => setTimeout(r, 20));`,
            `while (!(await import('node:fs')).existsSync('${pidFile}')) await wait();`,
            'process.exit(0);',
          ].join('\n'),
          resolveDir: fileURLToPath(new URL('.', import.meta.url)),
          loader: 'ts',
        },
        bundle: true,
        platform: 'node',
        format: 'esm',
        outfile: script,
        // execa's CommonJS dependencies call require().
        banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
        logLevel: 'silent',
      });
      const child = await execa('node', [script], { reject: false, timeout: 20_000 });
      expect(child.stderr).toBe('');
      expect(child.exitCode).toBe(0);
      const pgid = Number((await readFile(pidFile, 'utf8')).trim());
      expect(pgid).toBeGreaterThan(0);
      // SIGKILL was sent before the parent exited; on a loaded machine the kernel may take a moment
      // to deliver it, so wait (bounded) for the group to empty rather than sample it once.
      expect(await membersAfterKill(pgid)).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('local host: reads', () => {
  let host: Host;
  let dir: string;
  beforeAll(async () => {
    host = await localHost.create(undefined, { cwd: process.cwd() });
    dir = await mkdtemp(path.join(tmpdir(), 'charter-local-'));
    await writeFile(path.join(dir, 'b.txt'), 'bee\n');
    await writeFile(path.join(dir, 'a.bin'), Buffer.from([0, 1, 2, 255]));
    await mkdir(path.join(dir, 'sub'));
    await symlink('b.txt', path.join(dir, 'link'));
    await writeFile(path.join(dir, 'secret'), 'x');
    await chmod(path.join(dir, 'secret'), 0o000);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports the platform', async () => {
    expect(await host.platform()).toBe('linux');
    expect(host.capabilities).toEqual({ read: true, exec: true, live: true });
  });

  it('reads files as bytes', async () => {
    expect(await host.readFile(path.join(dir, 'a.bin'))).toEqual(Buffer.from([0, 1, 2, 255]));
    expect((await host.readFile(path.join(dir, 'link')))?.toString()).toBe('bee\n');
  });

  it('answers undefined for a missing path or a path through a file', async () => {
    expect(await host.readFile(path.join(dir, 'missing'))).toBeUndefined();
    expect(await host.readFile(path.join(dir, 'b.txt', 'x'))).toBeUndefined();
    expect(await host.readDir(path.join(dir, 'missing'))).toBeUndefined();
    expect(await host.stat(path.join(dir, 'missing'))).toBeUndefined();
    expect(await host.readLink(path.join(dir, 'missing'))).toBeUndefined();
  });

  it('answers undefined for a file it may not read (root may read mode 000, and gets its content)', async () => {
    const content = await host.readFile(path.join(dir, 'secret'));
    if (isRoot) expect(content).toBeInstanceOf(Buffer);
    else expect(content).toBeUndefined();
  });

  it('maps EACCES and EPERM to undefined and lets other errors through', async () => {
    const failing = (code: string) => (): Promise<string> => Promise.reject(Object.assign(new Error(code), { code }));
    expect(await absentAsUndefined(failing('EACCES'))).toBeUndefined();
    expect(await absentAsUndefined(failing('EPERM'))).toBeUndefined();
    await expect(absentAsUndefined(failing('EIO'))).rejects.toThrow('EIO');
  });

  it('answers undefined for the content of a directory, like the replay host', async () => {
    expect(await host.readFile(dir)).toBeUndefined();
  });

  it('lists directories sorted', async () => {
    expect(await host.readDir(dir)).toEqual(['a.bin', 'b.txt', 'link', 'secret', 'sub']);
  });

  it('stats through links, and reads links', async () => {
    const stat = await host.stat(path.join(dir, 'link'));
    expect(stat).toMatchObject({ type: 'file', size: 4 });
    expect(stat?.mode).toBeDefined();
    expect((await host.stat(path.join(dir, 'sub')))?.type).toBe('directory');
    expect(await host.readLink(path.join(dir, 'link'))).toBe('b.txt');
    expect(await host.readLink(path.join(dir, 'b.txt'))).toBeUndefined();
  });
});

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateCli } from '../testing/private-cli.js';

/**
 * Paths are checked before any work: one line on stderr, exit 2, no stack, and nothing of the work
 * begun (no ssh connection is attempted to a host that would only time out).
 */
let work: string;
let bin: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'charter-early-'));
  bin = await buildPrivateCli(join(work, 'cli'));
  mkdirSync(join(work, 'a-directory'));
  writeFileSync(join(work, 'inventory.ini'), '[ws]\nws-0042 ansible_host=192.0.2.1 ansible_user=nobody\n');
}, 60_000);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const charter = async (argv: string[]): Promise<{ code: number; err: string; out: string }> => {
  const result = await promisify(execFile)(process.execPath, [bin, ...argv], { cwd: work, env: { ...process.env, NO_COLOR: '1' } }).then(
    ({ stdout, stderr }) => ({ code: 0, out: stdout, err: stderr }),
    (error: unknown) => {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, out: failed.stdout, err: failed.stderr };
    },
  );
  return result;
};

describe('paths checked before the work', () => {
  it.each([
    [['check', '--output', '/no/such/dir/r.json'], 'charter: cannot write /no/such/dir/r.json: the directory /no/such/dir does not exist\n'],
    [
      ['check', '--target', 'ssh:nobody@192.0.2.1', '--output', '/no/such/dir/r.json'],
      'charter: cannot write /no/such/dir/r.json: the directory /no/such/dir does not exist\n',
    ],
    [['check', '--output', 'a-directory'], "charter: --output a-directory: it is a directory; give the report's file name, e.g. a-directory/report.json\n"],
    [['check', '--format', 'json', '--output', 'a-directory'], 'charter: cannot write <work>/a-directory: it is a directory\n'],
    [
      ['audit', '--inventory', 'inventory.ini', '--output', '/no/such/dir/fleet.html'],
      'charter: cannot write /no/such/dir/fleet.html: the directory /no/such/dir does not exist\n',
    ],
    [['collect', '--target', 'ssh:nobody@192.0.2.1', '--output', 'a-directory'], 'charter: cannot write <work>/a-directory: it is a directory\n'],
  ])('%j: one line, exit 2', async (argv, message) => {
    const result = await charter(argv);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toBe(message.replace('<work>', work));
  });

  it('a policy that is a directory is one problem at the path, not a stack', async () => {
    const result = await charter(['check', '--policy', 'a-directory']);
    expect(result.code).toBe(2);
    expect(result.err).not.toMatch(/internal error|\n\s+at /);
    expect(result.err).toContain('a-directory');
    expect(result.err).toContain('is a directory');
  });
});

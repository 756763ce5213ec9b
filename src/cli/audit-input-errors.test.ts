/** Bad ssh files and time limits: one usage line each, exit 2, before anything connects. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './main.js';

const work = mkdtempSync(join(tmpdir(), 'charter audit input '));
writeFileSync(join(work, 'inventory'), '127.0.0.1:1\n');
writeFileSync(join(work, 'key with space'), 'not really a key\n');
writeFileSync(join(work, 'kh"quote'), '\n');

const runIn = async (argv: string[]): Promise<{ code: number; err: string }> => {
  const io = memoryIo({ cwd: work });
  const code = await run(argv, io);
  return { code, err: io.err() };
};

const oneLine = (err: string, pattern: RegExp): void => {
  expect(err).not.toMatch(/internal error|\n\s+at /);
  const lines = err
    .trimEnd()
    .split('\n')
    .filter((l) => !l.startsWith('(run with --help'));
  expect(lines, err).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
};

describe('ssh files are checked before connecting', () => {
  it.each([
    [['--identity', 'missing key'], /^charter: identity file missing key: not found$/],
    [['--identity', '.'], /^charter: identity file \.: is a directory$/],
    [['--identity', 'key with space', '--known-hosts', 'absent'], /^charter: known hosts file absent: not found$/],
    [['--known-hosts', 'kh"quote'], /^charter: --known-hosts kh"quote: a path holding a double quote/],
    [['--ssh-config', 'nowhere'], /^charter: ssh config file nowhere: not found$/],
  ])('%j', async (flags, pattern) => {
    const { code, err } = await runIn(['audit', '--inventory', 'inventory', ...flags]);
    expect(code).toBe(2);
    oneLine(err, pattern);
  });
});

describe('time limits are range-checked', () => {
  it.each([
    [['audit', '--inventory', 'inventory', '--connect-timeout', '0'], /--connect-timeout expects a whole number from 1 to 3600, got '0'/],
    [['audit', '--inventory', 'inventory', '--connect-timeout', '99999'], /--connect-timeout expects a whole number from 1 to 3600/],
    [['audit', '--inventory', 'inventory', '--host-timeout', '1e9'], /--host-timeout expects a whole number from 1 to 86400000, got '1e9'/],
    [['audit', '--inventory', 'inventory', '--host-timeout', '2.5'], /--host-timeout expects a whole number/],
    [['check', '--probe-timeout', '-1'], /--probe-timeout expects a whole number from 1 to 3600000/],
    [['check', '--probe-timeout', '99999999999'], /--probe-timeout expects a whole number from 1 to 3600000/],
  ])('%j', async (argv, pattern) => {
    const { code, err } = await runIn(argv);
    expect(code).toBe(2);
    oneLine(err, pattern);
  });
});

describe('inventory mistakes', () => {
  it('a group cycle is one line at the link that closes it, exit 2', async () => {
    writeFileSync(join(work, 'cycle.ini'), '[a]\nweb1\n[a:children]\nb\n[b:children]\na\n');
    const { code, err } = await runIn(['audit', '--inventory', 'cycle.ini']);
    expect(code).toBe(2);
    expect(err).not.toMatch(/internal error|\n\s+at /);
    expect(err.split('\n').filter((l) => /^\S+:\d+:\d+: /.test(l))).toEqual(['cycle.ini:6:1: group cycle: a → b → a (a group cannot contain itself)']);
  });
});

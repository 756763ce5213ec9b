import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'charter-bounded-policy-'));
const policies = join(dir, 'policies');
mkdirSync(policies);
const fifo = join(dir, 'fifo.yaml');
execFileSync('mkfifo', [fifo]);

const header = 'schemaVersion: 1\nid: org\nversion: "1"\ntitle: Org\n';

const validate = async (file: string): Promise<{ code: number; err: string; out: string; ms: number }> => {
  const io = memoryIo({ cwd: dir });
  const started = Date.now();
  const code = await run(['policy', 'validate', file], io);
  return { code, err: io.err(), out: io.out(), ms: Date.now() - started };
};

const oneLine = (err: string): void => {
  // One problem line; the CLI's count of problems may follow it.
  expect(
    err
      .trim()
      .split('\n')
      .filter((line) => !/^charter: \d+ problems? found$/.test(line)),
    err,
  ).toHaveLength(1);
  expect(err).not.toMatch(/\n\s+at /);
};

describe('a policy that is not a small regular file', () => {
  // The first run loads and compiles the CLI and its schemas: not what the time limit is about.
  beforeAll(async () => {
    await validate(join(dir, 'missing.yaml'));
  });

  it.each([
    ['a FIFO', fifo, /FIFO/],
    ['/dev/zero', '/dev/zero', /device/],
    ['/dev/urandom', '/dev/urandom', /device/],
    ['a directory (the working directory, shown as .)', dir, /^\.:1:1: cannot read file: it is a directory/],
  ])('%s: one line, exit 2, at once', async (_name, file, reason) => {
    const result = await validate(file);
    expect(result.code).toBe(2);
    oneLine(result.err);
    expect(result.err).toMatch(reason);
    expect(result.ms).toBeLessThan(5000);
  });

  it('a FIFO named by extends is refused, not waited on', async () => {
    const file = join(dir, 'extends-fifo.yaml');
    writeFileSync(file, `${header}extends: ./fifo.yaml\n`);
    const result = await validate(file);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/FIFO/);
  });

  it('an alias bomb under the alias-count limit: one line, exit 2', async () => {
    // No alias inside the anchored node, so the alias-count guard lets it through: 90 × 5,000 nodes.
    const lines = [`a: &a [${Array.from({ length: 5000 }, () => 'x').join(', ')}]`, `b: [${Array.from({ length: 90 }, () => '*a').join(', ')}]`];
    const file = join(dir, 'bomb.yaml');
    writeFileSync(file, `${header}${lines.join('\n')}\n`);
    const result = await validate(file);
    expect(result.code).toBe(2);
    oneLine(result.err);
    expect(result.err).toMatch(/bomb\.yaml:1:1: .*expands/);
    expect(result.ms).toBeLessThan(5000);
  });
});

describe('extends and catalogs stay beside the policy', () => {
  const secret = join(dir, 'secret.txt');
  const secretLines = ['root:$6$saltsalt$hashhashhash:19000:0:99999:7:::', 'alice:$y$j9T$abc$def:19001:0:99999:7:::', 'api_token: s3cr3t-value'];
  writeFileSync(secret, `${secretLines.join('\n')}\n`);
  symlinkSync(secret, join(policies, 'linked.yaml'));

  const refusedWithoutEcho = async (body: string, lines: readonly string[]): Promise<void> => {
    const file = join(policies, `p-${String(Math.random()).slice(2)}.yaml`);
    writeFileSync(file, `${header}${body}`);
    const result = await validate(file);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/not read/);
    for (const line of lines) {
      for (const part of line.split(/[:\s]+/).filter((p) => p.length > 5)) expect(result.err + result.out).not.toContain(part);
    }
  };

  it('refuses an absolute path, .. climbing out and a symlink out, without quoting the file', async () => {
    await refusedWithoutEcho(`extends: ${secret}\n`, secretLines);
    await refusedWithoutEcho('extends: ../secret.txt\n', secretLines);
    await refusedWithoutEcho('extends: ./linked.yaml\n', secretLines);
    await refusedWithoutEcho(`rules: []\ncatalogs:\n  - ../secret.txt\n`, secretLines);
  });

  it.runIf(existsSync('/etc/shadow'))('extends: /etc/shadow prints none of its lines', async () => {
    const shadow = ((): string[] => {
      try {
        return readFileSync('/etc/shadow', 'utf8')
          .split('\n')
          .filter((l) => l.length > 0);
      } catch {
        return [];
      }
    })();
    await refusedWithoutEcho('extends: /etc/shadow\n', shadow);
  });

  it('never echoes a key that is not identifier-like', async () => {
    const file = join(policies, 'odd-key.yaml');
    writeFileSync(file, `${header}rules: []\n"root:$6$secrethash": 1\n`);
    const result = await validate(file);
    expect(result.code).toBe(2);
    expect(result.err).not.toContain('secrethash');
    expect(result.err).toContain('a key not shown');
  });
});

describe('other named inputs that are FIFOs', () => {
  it.each([
    ['--inventory', ['audit', '--inventory', fifo]],
    ['--waivers', ['check', '--target', 'snapshot:missing.json', '--waivers', fifo]],
    ['a snapshot target', ['check', '--target', `snapshot:${fifo}`]],
  ])('%s: exit 2 at once, no stack trace', async (_name, argv) => {
    const io = memoryIo({ cwd: dir });
    const started = Date.now();
    const code = await run(argv, io);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/FIFO/);
    expect(io.err()).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

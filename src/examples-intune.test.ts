/**
 * examples/intune/Invoke-CharterCollect.ps1, run for real under PowerShell 7 with a stand-in
 * charter.exe: a small executable script that checks it was called as `collect --redact --output
 * FILE [--group NAME]`, writes a snapshot there (unless told not to; with the group it was given)
 * and exits with the code the test asks for (STUB_EXIT). Checks where the snapshot lands and the exit codes the README documents.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = new URL('../examples/intune/Invoke-CharterCollect.ps1', import.meta.url).pathname;

const findPwsh = (): string | undefined => {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), join(homedir(), '.dotnet', 'tools')];
  return dirs.map((dir) => join(dir, 'pwsh')).find((path) => existsSync(path));
};
const pwsh = findPwsh();
const required = process.env.CHARTER_REQUIRE_ROOTS === '1';

const dir = mkdtempSync(join(tmpdir(), 'charter-intune-'));
mkdirSync(join(dir, 'tmp'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The stand-in charter.exe (a /bin/sh script: the PowerShell script calls it by path, like the real one). */
const stub = join(dir, 'charter.exe');
writeFileSync(
  stub,
  [
    '#!/bin/sh',
    '[ "$1" = collect ] && [ "$2" = --redact ] && [ "$3" = --output ] || { echo "unexpected arguments: $*" >&2; exit 2; }',
    // `--group NAME` after the file, when the script was given -Group: written into the stand-in's snapshot.
    '[ $# = 4 ] || { [ $# = 6 ] && [ "$5" = --group ]; } || { echo "unexpected arguments: $*" >&2; exit 2; }',
    '[ "${STUB_WRITE:-1}" = 1 ] && printf \'{"stub":true,"exit":%s%s}\\n\' "${STUB_EXIT:-0}" "${6:+,\\"group\\":\\"$6\\"}" > "$4"',
    'exit "${STUB_EXIT:-0}"',
    '',
  ].join('\n'),
);
chmodSync(stub, 0o755);

const run = (args: string[], env: Record<string, string> = {}): { code: number | null; out: string } => {
  const result = spawnSync(pwsh as string, ['-NoProfile', '-NonInteractive', '-File', script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env, TMPDIR: join(dir, 'tmp') },
    timeout: 120_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}`.trim() };
};

describe.skipIf(pwsh === undefined && !required)('examples/intune/Invoke-CharterCollect.ps1 under PowerShell', () => {
  it('delivers the snapshot as <Destination>\\<Name>.json and exits 0, leaving no partial file or temporary folder', () => {
    const share = join(dir, 'share one');
    const { code, out } = run(['-CharterPath', stub, '-Destination', share, '-Name', 'LU-PC-0142']);
    expect(code, out).toBe(0);
    expect(out.split('\n').at(-1)).toBe(`snapshot delivered to ${join(share, 'LU-PC-0142.json')}`);
    expect(readdirSync(share)).toEqual(['LU-PC-0142.json']);
    expect(JSON.parse(readFileSync(join(share, 'LU-PC-0142.json'), 'utf8'))).toEqual({ stub: true, exit: 0 });
    expect(readdirSync(join(dir, 'tmp')).filter((f) => f.startsWith('charter-'))).toEqual([]);
  }, 150_000);

  it('delivers an incomplete snapshot (collect exit 3), replacing the previous one, and says so', () => {
    const share = join(dir, 'share two');
    expect(run(['-CharterPath', stub, '-Destination', share, '-Name', 'PC1']).code).toBe(0);
    const { code, out } = run(['-CharterPath', stub, '-Destination', share, '-Name', 'PC1'], { STUB_EXIT: '3' });
    expect(code, out).toBe(0);
    expect(out).toContain('incomplete');
    expect(readdirSync(share)).toEqual(['PC1.json']);
    expect(JSON.parse(readFileSync(join(share, 'PC1.json'), 'utf8'))).toEqual({ stub: true, exit: 3 });
  }, 150_000);

  it('exits 1 and delivers nothing when collect fails, when it wrote nothing, or when charter.exe is missing', () => {
    const share = join(dir, 'share three');
    const failed = run(['-CharterPath', stub, '-Destination', share, '-Name', 'PC2'], { STUB_EXIT: '2', STUB_WRITE: '0' });
    expect(failed.code, failed.out).toBe(1);
    expect(failed.out.split('\n').at(-1)).toBe('charter collect failed with exit code 2; no snapshot delivered');
    const silent = run(['-CharterPath', stub, '-Destination', share, '-Name', 'PC2'], { STUB_WRITE: '0' });
    expect(silent.code, silent.out).toBe(1);
    const missing = run(['-CharterPath', join(dir, 'nowhere', 'charter.exe'), '-Destination', share, '-Name', 'PC2']);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('charter not found at');
    expect(existsSync(share) ? readdirSync(share) : []).toEqual([]);
  }, 150_000);

  it('refuses a snapshot name that could leave the destination folder', () => {
    const share = join(dir, 'share four');
    const { code, out } = run(['-CharterPath', stub, '-Destination', share, '-Name', '..\\..\\evil']);
    expect(code).toBe(1);
    expect(out).toContain('unusable snapshot name');
    expect(existsSync(share)).toBe(false);
  }, 150_000);

  it('with -Group, delivers the snapshot into the group folder (nested with /) and passes --group to collect', () => {
    const share = join(dir, 'share five');
    const { code, out } = run(['-CharterPath', stub, '-Destination', share, '-Name', 'PC3', '-Group', 'MinFin/Treasury']);
    expect(code, out).toBe(0);
    expect(out.split('\n').at(-1)).toBe(`snapshot delivered to ${join(share, 'MinFin', 'Treasury', 'PC3.json')}`);
    expect(readdirSync(share)).toEqual(['MinFin']);
    expect(readdirSync(join(share, 'MinFin', 'Treasury'))).toEqual(['PC3.json']);
    expect(JSON.parse(readFileSync(join(share, 'MinFin', 'Treasury', 'PC3.json'), 'utf8'))).toEqual({ stub: true, exit: 0, group: 'MinFin/Treasury' });
    const plain = run(['-CharterPath', stub, '-Destination', share, '-Name', 'PC4', '-Group', 'Interieur']);
    expect(plain.code, plain.out).toBe(0);
    expect(JSON.parse(readFileSync(join(share, 'Interieur', 'PC4.json'), 'utf8'))).toEqual({ stub: true, exit: 0, group: 'Interieur' });
  }, 150_000);

  it('refuses a group name that could leave the destination folder, and delivers nothing', () => {
    const share = join(dir, 'share six');
    for (const group of ['..', 'MinFin/../..', 'C:\\Windows', '\\\\server\\x', '/abs', 'a//b']) {
      const { code, out } = run(['-CharterPath', stub, '-Destination', share, '-Name', 'PC5', '-Group', group]);
      expect(code, group).toBe(1);
      expect(out).toContain('unusable group name');
    }
    expect(existsSync(share)).toBe(false);
  }, 150_000);
});

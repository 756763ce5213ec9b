import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './main.js';

const root = new URL('../..', import.meta.url).pathname;
const charterFile = join(root, 'policies', 'lu-state-charter.yaml');
const charter = readFileSync(charterFile, 'utf8');

/** A copy of the charter next to the original (so its catalog path still resolves), with edits. */
const written: string[] = [];
const variant = (name: string, text: string): string => {
  const file = join(root, 'policies', `.test-${name}-${String(process.pid)}.yaml`);
  writeFileSync(file, text);
  written.push(file);
  return file;
};
afterAll(() => {
  for (const file of written) rmSync(file, { force: true });
});

const replaceOnce = (text: string, from: string, to: string): string => {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`marker not found: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
};

const lineOf = (text: string, needle: string, occurrence = 1): number => {
  let at = -1;
  for (let i = 0; i < occurrence; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, at).split('\n').length;
};

const validate = async (file: string): Promise<{ code: number; lines: string[] }> => {
  const io = memoryIo({ cwd: root });
  const code = await run(['policy', 'validate', file], io);
  return {
    code,
    lines: io
      .err()
      .split('\n')
      .filter((l) => /:\d+:\d+: /.test(l)),
  };
};

describe('charter policy validate', () => {
  it('accepts the shipped charter', async () => {
    const io = memoryIo({ cwd: root });
    expect(await run(['policy', 'validate', charterFile], io)).toBe(0);
    expect(io.out()).toMatch(/valid policy lu-state-charter/);
  });

  it('reports five different mistakes at their lines, all at once, with exit 2', async () => {
    let text = charter;
    text = replaceOnce(
      text,
      '    severity: high\n    platforms: [linux, macos, windows]\n    targets: [live, os-image, container-image]\n    references:\n      - { source: LU4, grounding: lu-direct }\n      - { source: NIS2-21',
      '    severity: hihg\n    platforms: [linux, macos, windows]\n    targets: [live, os-image, container-image]\n    references:\n      - { source: LU4, grounding: lu-direct }\n      - { source: NIS2-21',
    );
    text = replaceOnce(
      text,
      'fact: software.approvedMessengerPresent\n      expect: { equals: true }',
      'fact: software.approvedMessengerPresent\n      expect: { equalz: true }',
    );
    text = replaceOnce(text, '- fact: disk-encryption.swapEncrypted', '- fact: disk-encryption.swapEncryptd');
    text = replaceOnce(text, '  - id: DLP-01', '  - id: MSG-01');
    text = replaceOnce(text, 'expect: { atLeast: 256 }', "expect: { atLeast: '256' }");
    const file = variant('five', text);
    const { code, lines } = await validate(file);
    expect(code).toBe(2);
    expect(lines).toHaveLength(5);
    const expected = [
      [lineOf(text, 'severity: hihg'), /severity: must be one of/],
      [lineOf(text, 'equalz'), /unknown operator 'equalz'/],
      [lineOf(text, 'swapEncryptd'), /unknown fact 'disk-encryption.swapEncryptd'/],
      [lineOf(text, '  - id: MSG-01', 2), /duplicate rule id 'MSG-01'/],
      [lineOf(text, "atLeast: '256'"), /atLeast: .*number/],
    ] as const;
    for (const [line, pattern] of expected) {
      const hit = lines.find((l) => l.includes(`:${String(line)}:`) && pattern.test(l));
      expect(hit, `expected a problem at line ${String(line)} matching ${String(pattern)} in:\n${lines.join('\n')}`).toBeDefined();
    }
    for (const l of lines) expect(l.startsWith('policies/.test-five-')).toBe(true);
  });

  it('reports unknown keys at the key', async () => {
    const text = replaceOnce(charter, '    theme: encryption\n', '    theme: encryption\n    severty: low\n');
    const { code, lines } = await validate(variant('key', text));
    expect(code).toBe(2);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`:${String(lineOf(text, 'severty'))}:5: unknown key 'severty'`))]);
  });

  it('refuses a lookbehind or a backreference in a pattern at its line and column', async () => {
    const text = replaceOnce(charter, "matches: { pattern: '^aes-(xts|gcm)' }", "matches: { pattern: '(?<=aes)-(xts|gcm)\\1' }");
    const { code, lines } = await validate(variant('lookbehind', text));
    expect(code).toBe(2);
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`:${String(lineOf(text, '(?<=aes)'))}:\\d+: matches: .*lookahead and lookbehind .* not supported`)),
    ]);
  });

  it('reports YAML syntax errors with their position', async () => {
    const text = replaceOnce(charter, "version: '2026.11'", "version: '2026.11\n  broken: [");
    const { code, lines } = await validate(variant('syntax', text));
    expect(code).toBe(2);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/YAML/);
  });

  it('refuses a YAML alias bomb quickly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'charter-'));
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
    }
    const file = join(dir, 'bomb.yaml');
    writeFileSync(file, `${levels.join('\n')}\n`);
    const { code, lines } = await validate(file);
    expect(code).toBe(2);
    expect(lines.join('\n')).toMatch(/alias/i);
  });

  it('refuses a 50 MB file without parsing it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'charter-'));
    const file = join(dir, 'huge.yaml');
    writeFileSync(file, `# ${'x'.repeat(50 * 1024 * 1024)}\n`);
    const { code, lines } = await validate(file);
    expect(code).toBe(2);
    expect(lines[0]).toMatch(/:1:1: file is \d+ bytes; the limit is/);
  });

  it('reports a missing file as exit 2', async () => {
    const { code, lines } = await validate('/nonexistent/policy.yaml');
    expect(code).toBe(2);
    expect(lines[0]).toMatch(/cannot read file: no such file/);
  });
});

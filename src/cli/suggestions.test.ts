import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './main.js';

const charter = async (argv: string[]): Promise<{ code: number; out: string; err: string }> => {
  const io = memoryIo();
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
};

describe('"did you mean" on the command line', () => {
  it.each([
    [['explain', 'ENC01'], "no rule 'ENC01' in lu-state-charter (did you mean ENC-01, ENC-02?)"],
    [['check', '--format', 'jsn'], "unknown format 'jsn': expected one of html, json, junit, sarif, text (did you mean json?)"],
    [['check', '--target', 'sssh:host'], '(did you mean ssh?)'],
    [['check', '--target', 'snapshots:x.json'], '(did you mean snapshot?)'],
    [['check', '--lang', 'fx'], '--lang expects one of en, fr, de'],
    [['check', '--lang', 'French'], "got 'French' (did you mean fr?)"],
    [['rules', '--format', 'jsno'], "--format expects one of text, json, got 'jsno' (did you mean json?)"],
    [['check', '--fail-on', 'hihg'], "got 'hihg' (did you mean high?)"],
    [['check', '--target-class', 'os-imag'], '(did you mean os-image?)'],
  ])('%j: one line, exit 2, naming the closest', async (argv, message) => {
    const result = await charter(argv);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain(message);
    expect(result.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('says nothing more when nothing is close', async () => {
    const result = await charter(['check', '--format', 'qqqqqq']);
    expect(result.err).toBe("charter: unknown format 'qqqqqq': expected one of html, json, junit, sarif, text\n");
  });

  it('takes a language written as a locale', async () => {
    const result = await charter(['rules', '--lang', 'fr-LU']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('messagerie');
  });

  it('suggests the rule a waiver meant', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'charter-dym-'));
    const waivers = join(dir, 'waivers.yaml');
    writeFileSync(waivers, 'waivers:\n  - rule: MSG01\n    hosts: ["*"]\n    reason: test\n    approvedBy: someone\n    expires: 2099-01-01\n');
    const result = await charter(['waivers', 'lint', waivers]);
    expect(result.code).toBe(2);
    expect(result.err).toContain("unknown rule 'MSG01'");
    expect(result.err).toContain('(did you mean MSG-01');
  });
});

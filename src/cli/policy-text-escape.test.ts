import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './main.js';

const root = new URL('../..', import.meta.url).pathname;
const charter = readFileSync(join(root, 'policies', 'lu-state-charter.yaml'), 'utf8');
/** A copy of the charter next to the original (so its catalog path still resolves). */
const file = join(root, 'policies', `.test-escape-${String(process.pid)}.yaml`);
afterAll(() => {
  rmSync(file, { force: true });
});

// YAML double-quoted escapes: ESC, C1 CSI, a newline and a right-to-left override.
const hostile = '\\e[31mred\\x9b2J\\nFAKE\\u202Etxt';
// eslint-disable-next-line no-control-regex
const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const charterRun = async (args: string[]) => {
  const io = memoryIo({ cwd: root });
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
};

describe('policy text on the terminal', () => {
  it('rules and explain print no raw control or bidi character from a rule title', async () => {
    writeFileSync(file, charter.replace('      en: No consumer instant messengers', `      en: "No messengers ${hostile}"`));
    for (const args of [['rules'], ['explain', 'MSG-01']]) {
      const { code, out } = await charterRun([...args, '--policy', file]);
      expect(code).toBe(0);
      expect(out).not.toMatch(raw);
      expect(out).toContain('No messengers \\x1b[31mred\\x9b2J\\x0aFAKE\\u{202e}txt');
    }
  });

  it('policy problems quoting a hostile pattern reach stderr escaped', async () => {
    writeFileSync(file, charter.replace("matches: { pattern: '^aes-(xts|gcm)' }", `matches: { pattern: "${hostile}(?=x)" }`));
    const { code, err } = await charterRun(['policy', 'validate', file]);
    expect(code).toBe(2);
    expect(err).not.toMatch(raw);
    expect(err).toMatch(/lookahead/);
  });
});

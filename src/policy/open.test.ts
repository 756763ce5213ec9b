import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPolicy } from './load.js';
import { openPolicy } from './open.js';

const policies = new URL('../../policies/', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'charter-open-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('openPolicy', () => {
  it('gives what loadPolicy gives, for the shipped policy and for an edited one', async () => {
    const shipped = join(policies, 'lu-state-charter.yaml');
    expect(await openPolicy(shipped)).toEqual(await loadPolicy(shipped));
    cpSync(policies, work, { recursive: true });
    const edited = join(work, 'edited.yaml');
    writeFileSync(edited, `${readFileSync(shipped, 'utf8')}\n# edited\n`);
    const policy = await openPolicy(edited);
    expect(policy).toEqual(await loadPolicy(edited));
    expect(policy.rules.length).toBeGreaterThan(10);
  });

  it('reports the problems of an invalid file as loadPolicy does', async () => {
    const broken = join(work, 'broken.yaml');
    writeFileSync(broken, readFileSync(join(policies, 'lu-state-charter.yaml'), 'utf8').replace(/severity: high/, 'severity: urgent'));
    const problems = (promise: Promise<unknown>) =>
      promise.then(
        () => [],
        (error: unknown) => (error as { problems?: unknown[] }).problems ?? [String(error)],
      );
    const expected = await problems(loadPolicy(broken));
    expect(expected.length).toBeGreaterThan(0);
    expect(await problems(openPolicy(broken))).toEqual(expected);
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyError } from '../errors.js';
import { loadPolicy } from './load.js';
import { defaultStaleAfterDays, staleAfterDays } from './policy.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'charter-audit-settings-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = async (name: string, text: string): Promise<string> => {
  await writeFile(join(dir, name), text);
  return join(dir, name);
};

const rule =
  'themes: { t: T }\nrules:\n  - { id: ORG-01, theme: t, title: Org, severity: low, platforms: [linux], targets: [live], manual: true, remediation: Do it. }\n';
const own = (extra: string): string => `schemaVersion: 1\nid: own\nversion: "1"\ntitle: Own\n${extra}${rule}`;

describe('audit.staleAfterDays', () => {
  it('is 30 days unless the policy says otherwise', async () => {
    expect(defaultStaleAfterDays).toBe(30);
    expect(staleAfterDays(await loadPolicy(resolve('policies/lu-state-charter.yaml'), { precompiled: false }))).toBe(30);
    expect(staleAfterDays(await loadPolicy(await write('own.yaml', own('audit: { staleAfterDays: 7 }\n')), { precompiled: false }))).toBe(7);
  });

  it('is inherited from the extended policy, and an extending policy may change it', async () => {
    await write('base.yaml', own('audit: { staleAfterDays: 14 }\n'));
    const child = (extra: string): string => `schemaVersion: 1\nid: child\nversion: "1"\ntitle: Child\nextends: ./base.yaml\n${extra}`;
    expect(staleAfterDays(await loadPolicy(await write('inherits.yaml', child('')), { precompiled: false }))).toBe(14);
    expect(staleAfterDays(await loadPolicy(await write('changes.yaml', child('audit: { staleAfterDays: 60 }\n')), { precompiled: false }))).toBe(60);
  });

  it('must be a whole number of days from 1, and nothing else may be set under audit', async () => {
    for (const bad of ['audit: { staleAfterDays: 0 }\n', 'audit: { staleAfterDays: 2.5 }\n', "audit: { staleAfterDays: '30' }\n", 'audit: { maxAge: 30 }\n']) {
      const file = await write('bad.yaml', own(bad));
      const problems = await loadPolicy(file, { precompiled: false }).then(
        () => [],
        (error: unknown) => (error instanceof PolicyError ? error.problems.map((p) => `${String(p.line)}: ${p.message}`) : [String(error)]),
      );
      expect(problems, bad).toHaveLength(1);
      expect(problems[0], bad).toMatch(/^5: .*audit/);
    }
  });
});

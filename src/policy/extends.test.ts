import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyError } from '../errors.js';
import { loadPolicy } from './load.js';
import type { Catalog } from './catalog.js';
import { reclassify } from './extends.js';

const example = resolve('examples/organisation/policy.yaml');
const shipped = resolve('policies/lu-state-charter.yaml');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'charter-extends-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Write `files` into the temp dir and load the first one; the problems as "file:line:col: message". */
const problemsOf = async (files: Record<string, string>): Promise<string[]> => {
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const first = Object.keys(files)[0] ?? '';
  try {
    await loadPolicy(join(dir, first), { precompiled: false });
  } catch (error) {
    if (error instanceof PolicyError) return error.problems.map((p) => `${p.file.replace(`${dir}/`, '')}:${String(p.line)}:${String(p.col)}: ${p.message}`);
    throw error;
  }
  return [];
};

const header = 'schemaVersion: 1\nid: org\nversion: "1"\ntitle: Org\nextends: lu-state-charter\n';

describe('a policy that extends the shipped charter', () => {
  it('inherits every rule, with the overrides applied', async () => {
    const base = await loadPolicy(shipped, { precompiled: false });
    const policy = await loadPolicy(example, { precompiled: false });
    expect(policy.id).toBe('ministere-exemple');
    expect(policy.extends).toEqual([{ id: 'lu-state-charter', version: base.version, file: shipped }]);
    expect(policy.rules.map((r) => r.id)).toEqual([...base.rules.map((r) => r.id), 'MIN-01']);

    const lock = policy.rules.find((r) => r.id === 'LCK-01');
    expect(lock?.severity).toBe('critical');
    expect(lock?.parameters).toEqual({ maxSecondsToLock: 300 });
    expect(JSON.stringify(lock?.check)).toContain('{"atMost":300}');
    expect(lock?.file).toBe(shipped);
    expect(lock?.line).toBe(base.rules.find((r) => r.id === 'LCK-01')?.line);
    expect(lock?.overridden).toEqual(['severity high → critical (ministere-exemple)', 'maxSecondsToLock 900 → 300 (ministere-exemple)']);

    expect(JSON.stringify(policy.rules.find((r) => r.id === 'MGT-02')?.check)).toContain('"days":3');
    expect(policy.rules.find((r) => r.id === 'NET-04')?.disabled).toEqual({
      by: 'ministere-exemple',
      reason: expect.stringContaining('decision SI-2026-014') as string,
    });
    // The base is untouched.
    expect(JSON.stringify(base.rules.find((r) => r.id === 'LCK-01')?.check)).toContain('{"atMost":900}');
    expect(policy.rules.find((r) => r.id === 'MIN-01')?.file).toBeUndefined();
  });

  it('adds its own apps first and reclassifies inherited ones', async () => {
    const base = await loadPolicy(shipped, { precompiled: false });
    const policy = await loadPolicy(example, { precompiled: false });
    expect(policy.catalog.apps[0]?.id).toBe('threema-work');
    expect(policy.catalog.apps).toHaveLength(base.catalog.apps.length + 1);
    expect(policy.catalog.apps.find((a) => a.id === 'telegram')?.approved).toBe(true);
    expect(base.catalog.apps.find((a) => a.id === 'telegram')?.approved).toBe(false);
  });

  it('hashes its own text together with what it extends', async () => {
    const base = await loadPolicy(shipped, { precompiled: false });
    const policy = await loadPolicy(example, { precompiled: false });
    expect(policy.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(policy.sha256).not.toBe(base.sha256);
    expect((await loadPolicy(example, { precompiled: false })).sha256).toBe(policy.sha256);
  });

  it('inherits themes and sources for its own rules', async () => {
    const problems = await problemsOf({
      'own-rule.yaml': `${header}rules:\n  - id: X-01\n    theme: messaging\n    title: t\n    severity: low\n    platforms: [linux]\n    targets: [live]\n    references: [{ source: LU4 }]\n    manual: true\n    remediation: r\n`,
    });
    expect(problems).toEqual([]);
  });
});

describe('mistakes in an extending policy point at the file and line that cause them', () => {
  it('reports unknown rules, parameters, wrong types and empty reasons at once', async () => {
    const problems = await problemsOf({
      'bad-overrides.yaml': `${header}overrides:
  NOPE-01: { severity: high }
  LCK-01:
    parameters: { maxSecondsToLock: "fifteen minutes", minutes: 5 }
  NET-04: { disable: "" }
  UPD-04:
    parameters: { maxListAgeDays: -3 }
`,
    });
    expect(problems).toEqual([
      "bad-overrides.yaml:7:3: unknown rule 'NOPE-01': lu-state-charter has no such rule",
      "bad-overrides.yaml:9:37: parameter 'maxSecondsToLock' of LCK-01 must be a number, like the inherited 900",
      "bad-overrides.yaml:9:56: rule LCK-01 has no parameter 'minutes' (its parameters: maxSecondsToLock)",
      expect.stringMatching(/^bad-overrides\.yaml:10:22: overrides\.NET-04\.disable: must NOT have fewer than 3 characters/) as string,
      expect.stringMatching(/^bad-overrides\.yaml:12:35: parameter 'maxListAgeDays': withinDays: /) as string,
    ]);
  });

  it('refuses to redefine an inherited rule', async () => {
    const problems = await problemsOf({
      'redefine.yaml': `${header}rules:\n  - id: MSG-01\n    theme: messaging\n    title: t\n    severity: low\n    platforms: [linux]\n    targets: [live]\n    manual: true\n    remediation: r\n`,
    });
    expect(problems).toEqual(["redefine.yaml:7:9: rule 'MSG-01' is already defined by lu-state-charter; change it under 'overrides'"]);
  });

  it('names an unknown catalog app', async () => {
    const problems = await problemsOf({ 'apps.yaml': `${header}catalogOverrides:\n  no-such-app: { approved: true }\n` });
    expect(problems).toEqual(["apps.yaml:7:3: unknown catalog app 'no-such-app' (not in the inherited or added catalogs)"]);
  });

  it('reports problems of an extended file in that file', async () => {
    const problems = await problemsOf({
      'child.yaml': 'schemaVersion: 1\nid: child\nversion: "1"\ntitle: Child\nextends: ./parent.yaml\n',
      'parent.yaml':
        'schemaVersion: 1\nid: parent\nversion: "1"\ntitle: Parent\nrules:\n  - id: P-01\n    theme: t\n    title: t\n    severity: urgent\n    platforms: [linux]\n    targets: [live]\n    manual: true\n    remediation: r\n',
    });
    expect(problems).toEqual([expect.stringMatching(/^parent\.yaml:9:15: rules\.0\.severity: must be one of/) as string]);
  });

  it('detects loops and missing policies', async () => {
    expect(
      await problemsOf({
        'a.yaml': 'schemaVersion: 1\nid: a\nversion: "1"\ntitle: A\nextends: ./b.yaml\n',
        'b.yaml': 'schemaVersion: 1\nid: b\nversion: "1"\ntitle: B\nextends: ./a.yaml\n',
      }),
    ).toEqual(['b.yaml:5:10: extends loop: a.yaml → b.yaml → a.yaml']);
    expect(await problemsOf({ 'lost.yaml': 'schemaVersion: 1\nid: l\nversion: "1"\ntitle: L\nextends: ./nowhere.yaml\n' })).toEqual([
      `lost.yaml:5:10: cannot read the policy './nowhere.yaml' (${join(dir, 'nowhere.yaml')}): no such file`,
    ]);
  });

  it('checks parameters in a policy of its own', async () => {
    const rule = (params: string, expectText: string): string =>
      `schemaVersion: 1\nid: own\nversion: "1"\ntitle: Own\nthemes: { t: T }\nrules:\n  - id: O-01\n    theme: t\n    title: t\n    severity: low\n    platforms: [linux]\n    targets: [live]\n${params}    check: { fact: screen-lock.secondsToLock, expect: ${expectText} }\n    remediation: r\n`;
    expect(await problemsOf({ 'p1.yaml': rule('', '{ atMost: { param: limit } }') })).toEqual([
      "p1.yaml:13:65: unknown parameter 'limit' (the rule declares no 'parameters')",
    ]);
    expect(await problemsOf({ 'p2.yaml': rule('    parameters: { limit: 60, unused: 1 }\n', '{ atMost: { param: limit } }') })).toEqual([
      "p2.yaml:13:30: parameter 'unused' is never used as { param: unused }",
    ]);
    expect(await problemsOf({ 'p3.yaml': rule('    parameters: { limit: 60 }\n', '{ atMost: { param: limit } }') })).toEqual([]);
  });
});

describe('reclassify with app ids named like Object members', () => {
  it('leaves an app called constructor or toString alone when no override names it', () => {
    const apps = [
      { id: 'constructor', name: 'C', categories: ['messenger'] },
      { id: 'tostring', name: 'T', categories: ['messenger'] },
    ] as unknown as Catalog['apps'];
    expect(reclassify({ apps }, {}).apps).toEqual(apps);
    expect(reclassify({ apps }, { constructor: { approved: true } }).apps[0]).toMatchObject({ id: 'constructor', approved: true });
  });
});

/**
 * Fuzzing the policy loader: a valid policy skeleton with random structural mutations (random
 * trees grafted anywhere, odd keys such as `__proto__`), random text mutations, and YAML-ish text,
 * loaded from a temporary file, gives a Policy or a PolicyError, never a crash or a hang.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { PolicyError } from '../errors.js';
import { factTree, fuzzSeed, hostileString, mutatedText, oddKey, onlyTyped, yamlishText } from '../testing/fuzz.js';
import { loadPolicy } from './load.js';

const numRuns = 150;

const skeleton = `schemaVersion: 1
id: org
version: "1"
title: { en: Org, fr: Org }
themes: { t: T, m: { en: Messaging } }
sources:
  S1: { title: A source, url: https://example.org, date: '2024' }
rules:
  - id: O-01
    theme: t
    title: { en: No messengers }
    severity: high
    platforms: [linux, macos, windows]
    targets: [live, image]
    references:
      - { source: S1, grounding: lu-direct }
    check:
      fact: software.apps
      expect:
        none:
          where:
            categories: { contains: messenger }
            approved: { equals: false }
    remediation: { en: Uninstall it. }
  - id: O-02
    theme: m
    title: Firewall on
    severity: medium
    platforms: [linux]
    targets: [live]
    check:
      all:
        - { fact: firewall.enabled, expect: { equals: true } }
        - { fact: screen-lock.idleSeconds, expect: { atMost: 900 } }
    remediation: r
  - id: O-03
    theme: t
    title: Attest
    severity: low
    platforms: [linux]
    targets: [live]
    manual: true
    remediation: r
`;

const base = parse(skeleton) as unknown;

/** Replaces a node at a random path of `value` with `replacement`, or adds it under `key`. */
const graft = (value: unknown, steps: readonly number[], replacement: unknown, key: string | undefined): unknown => {
  if (value === null || typeof value !== 'object') return replacement;
  if (steps.length === 0) {
    if (key === undefined || Array.isArray(value)) return replacement;
    const copy = { ...(value as Record<string, unknown>) };
    Object.defineProperty(copy, key, { value: replacement, enumerable: true, writable: true, configurable: true });
    return copy;
  }
  const [step = 0, ...rest] = steps;
  if (Array.isArray(value)) {
    if (value.length === 0) return [replacement];
    const i = step % value.length;
    return (value as unknown[]).map((v, j) => (j === i ? graft(v, rest, replacement, key) : v));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return graft(value, [], replacement, key ?? 'k');
  const k = keys[step % keys.length] ?? '';
  const copy = { ...(value as Record<string, unknown>) };
  Object.defineProperty(copy, k, { value: graft(copy[k], rest, replacement, key), enumerable: true, writable: true, configurable: true });
  return copy;
};

const replacement = fc.oneof(
  // Nesting stays below what the test's own YAML writer can stringify; deeper text is generated below.
  factTree(4, 300),
  fc.constantFrom(
    'software.apps',
    'os.family',
    'firewall.enabled',
    'nope.nothing',
    '__proto__.x',
    'high',
    'critical',
    'linux',
    'live',
    'image',
    'extends',
    '../../etc/passwd',
    'catalog/apps.yaml',
  ),
  fc.constantFrom(
    { equals: 1 },
    { contains: 'x' },
    { matches: '(a+)+$' },
    { matches: '[' },
    { atMost: 'x' },
    { any: [] },
    { all: [{}] },
    { none: null },
    { fact: 'os.family', expect: { equals: 'linux' } },
  ),
);

const structural = fc
  .array(fc.record({ steps: fc.array(fc.nat(), { maxLength: 6 }), replacement, key: fc.option(oddKey, { nil: undefined }) }), { minLength: 1, maxLength: 3 })
  .map((edits) => stringify(edits.reduce<unknown>((s, { steps, replacement: r, key }) => graft(s, steps, r, key), base)));

const policyText = fc.oneof(
  { weight: 4, arbitrary: structural },
  { weight: 3, arbitrary: mutatedText(skeleton) },
  { weight: 1, arbitrary: yamlishText },
  { weight: 1, arbitrary: hostileString(8) },
  { weight: 1, arbitrary: fc.nat({ max: 5000 }).map((n) => `${skeleton}\nx: ${'['.repeat(n)}${']'.repeat(n)}\n`) },
  { weight: 1, arbitrary: fc.nat({ max: 2000 }).map((n) => `a: &a [${'*a, '.repeat(n)}]\n`) },
  { weight: 1, arbitrary: fc.nat({ max: 30 }).map((n) => `${skeleton}b: &b\n  - &c [*b]\n  - ${'[*c, '.repeat(n)}${']'.repeat(n)}\n`) },
);

describe('loadPolicy (fuzz)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'charter-fuzz-policy-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the unmutated skeleton', async () => {
    const file = path.join(dir, 'skeleton.yaml');
    await writeFile(file, skeleton);
    expect((await loadPolicy(file, { precompiled: false })).rules.map((r) => r.id)).toEqual(['O-01', 'O-02', 'O-03']);
  });

  it('refuses a YAML alias inside the node it names (found by fuzzing: it hung the loader)', async () => {
    const file = path.join(dir, 'recursive.yaml');
    await writeFile(file, `${skeleton}x: &a [*a, *a]\n`);
    const error = await loadPolicy(file, { precompiled: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).message).toContain('an alias refers to a node that contains it');
  });

  it(`gives a Policy or a PolicyError for any text (${String(numRuns)} runs, seed ${String(fuzzSeed)})`, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(policyText, async (text) => {
        n += 1;
        const file = path.join(dir, `p-${String(n)}.yaml`);
        await writeFile(file, text);
        if (process.env.FUZZ_TRACE !== undefined) await writeFile(process.env.FUZZ_TRACE, `${String(n)}\n${text}`);
        try {
          const policy = await loadPolicy(file, { precompiled: false });
          expect(Array.isArray(policy.rules)).toBe(true);
        } catch (error) {
          onlyTyped(error, [PolicyError]);
          for (const problem of (error as PolicyError).problems) {
            expect(Number.isInteger(problem.line) && Number.isInteger(problem.col)).toBe(true);
          }
        } finally {
          await rm(file, { force: true });
        }
      }),
      { seed: fuzzSeed, numRuns, interruptAfterTimeLimit: 15_000 },
    );
  });
});

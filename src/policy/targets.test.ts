import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyError } from '../errors.js';
import { expandTargets, loadPolicy } from './load.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'charter-targets-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const policyWith = (targets: string): string =>
  `schemaVersion: 1\nid: org\nversion: "1"\ntitle: Org\nthemes: { t: T }\nrules:\n  - id: O-01\n    theme: t\n    title: t\n    severity: low\n    platforms: [linux]\n    targets: ${targets}\n    manual: true\n    remediation: r\n`;

const load = async (targets: string) => {
  const file = join(dir, `${String(Math.random()).slice(2)}.yaml`);
  await writeFile(file, policyWith(targets));
  return loadPolicy(file, { precompiled: false });
};

describe('targets: in a policy', () => {
  it('takes the three classes, and image (the first edition) as both image classes', async () => {
    expect((await load('[live, image]')).rules[0]?.targets).toEqual(['live', 'os-image', 'container-image']);
    expect((await load('[image]')).rules[0]?.targets).toEqual(['os-image', 'container-image']);
    expect((await load('[container-image, live]')).rules[0]?.targets).toEqual(['live', 'container-image']);
    expect((await load('[os-image]')).rules[0]?.targets).toEqual(['os-image']);
  });

  it('refuses any other name, at its line', async () => {
    const error = await load('[live, vm]').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).problems.map((p) => [p.line, p.message])).toEqual([[12, expect.stringContaining('container-image') as unknown]]);
  });

  it("expands without duplicates, in the classes' order", () => {
    expect(expandTargets(['image', 'os-image', 'live'])).toEqual(['live', 'os-image', 'container-image']);
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { compileFunction } from 'node:vm';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { check } from '../../check.js';
import { collectSnapshot } from '../../fleet/snapshot-collect.js';
import { openHost } from '../../hosts/index.js';
import { loadPolicy } from '../load.js';
import { validator } from './index.js';
import { validatorNames, type ValidatorName } from './schemas.js';
import { standaloneModule } from './standalone.js';

const root = new URL('../../..', import.meta.url).pathname;
const yamlFile = (path: string): unknown => parse(readFileSync(join(root, path), 'utf8'));

/** The build's standalone code, evaluated (as CommonJS, which needs no file). */
const standalone = (): ((name: ValidatorName) => ValidateFunction) => {
  const exports: { validator?: (name: ValidatorName) => ValidateFunction } = {};
  const evaluate = compileFunction(standaloneModule('cjs'), ['exports', 'require']) as (e: typeof exports, r: NodeJS.Require) => void;
  evaluate(exports, createRequire(import.meta.url));
  if (exports.validator === undefined) throw new Error('no validator exported');
  return exports.validator;
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Variants of a valid document, each one change away: at every path down to `depth` (object keys,
 * the first and last item of an array), the value removed, replaced by a value of each JSON type,
 * or given an unknown key. What they break is whatever the schema says about that place.
 */
const variants = (value: Json, depth = 3): Json[] => {
  const replacements: Json[] = [null, 0, -1, 1.5, '', 'x', 'not-a-date', true, [], [1], {}, { extra: 1 }];
  const out: Json[] = [];
  const walk = (node: Json, rebuild: (replacement: Json | undefined) => Json, level: number): void => {
    for (const r of replacements) out.push(rebuild(r));
    out.push(rebuild(undefined));
    if (level >= depth || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      const indexes = [...new Set([0, node.length - 1])].filter((i) => i >= 0);
      for (const i of indexes) {
        walk(node[i] ?? null, (r) => rebuild(r === undefined ? node.filter((_, j) => j !== i) : node.map((item, j) => (j === i ? r : item))), level + 1);
      }
      return;
    }
    out.push(rebuild({ ...node, unknownKey: 'x' }));
    for (const key of Object.keys(node)) {
      walk(
        node[key] ?? null,
        (r) => rebuild(r === undefined ? Object.fromEntries(Object.entries(node).filter(([k]) => k !== key)) : { ...node, [key]: r }),
        level + 1,
      );
    }
  };
  walk(value, (r) => r ?? null, 0);
  return out;
};

const samples: Record<ValidatorName, Json[]> = {
  policy: [],
  catalog: [],
  waivers: [],
  attestations: [],
  snapshot: [],
  report: [],
};

beforeAll(async () => {
  samples.policy = ['policies/lu-state-charter.yaml', 'examples/organisation/policy.yaml', 'fixtures/policies/metadata-organisation/policy.yaml'].map(
    (f) => yamlFile(f) as Json,
  );
  samples.catalog = ['policies/catalog/apps.yaml', 'examples/organisation/approved-apps.yaml', 'fixtures/policies/metadata-organisation/apps.yaml'].map(
    (f) => yamlFile(f) as Json,
  );
  samples.waivers = [yamlFile('examples/organisation/waivers.yaml') as Json];
  samples.attestations = [yamlFile('examples/organisation/attestations.yaml') as Json];
  const fixture = join(root, 'fixtures', 'hosts', 'debian12-messenger');
  const recordedAt = (JSON.parse(readFileSync(join(fixture, 'host.json'), 'utf8')) as { recordedAt: string }).recordedAt;
  const policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
  const tool = { name: 'charter', version: '0.0.0-test' };
  const snapshot = await collectSnapshot(await openHost(`replay:${fixture}`, { cwd: root }), {
    catalog: { catalog: policy.catalog, file: 'policies/catalog/apps.yaml', sha256: 'a'.repeat(64) },
    now: new Date(recordedAt),
    tool,
    target: `replay:${fixture}`,
    timeoutMs: 30_000,
    redact: false,
  });
  samples.snapshot = [JSON.parse(JSON.stringify(snapshot)) as Json];
  const { report } = await check({ policy, host: await openHost(`replay:${fixture}`, { cwd: root }), language: 'en', now: () => new Date(recordedAt), tool });
  samples.report = [JSON.parse(JSON.stringify(report)) as Json];
}, 120_000);

describe('standalone validators', () => {
  it('exist for every schema, and only for those', () => {
    const built = standalone();
    for (const name of validatorNames) expect(typeof built(name)).toBe('function');
    expect(() => built('nope' as ValidatorName)).toThrow(/no validator/);
  });

  it('accept and reject exactly as ajv compiling the schema at run time, with the same errors', () => {
    const built = standalone();
    for (const name of validatorNames) {
      const runtime = validator(name);
      const generated = built(name);
      let rejected = 0;
      for (const sample of samples[name]) {
        expect(runtime(sample), `${name} sample`).toBe(true);
        for (const variant of [sample, ...variants(sample)]) {
          const valid = runtime(variant);
          const expectedErrors = JSON.stringify(runtime.errors ?? null);
          expect(generated(variant), name).toBe(valid);
          expect(JSON.stringify(generated.errors ?? null), name).toBe(expectedErrors);
          if (!valid) rejected++;
        }
      }
      // The variants do break the documents: the comparison covers rejections, not only acceptance.
      expect(rejected, name).toBeGreaterThan(20);
    }
  });
});

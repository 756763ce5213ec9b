import type { Policy, Rule } from '../policy/policy.js';

/** A rule for evaluator tests: linux, every target class, severity high, one line. */
export const testRule = (id: string, check: Rule['check'], extra: Partial<Rule> = {}): Rule => ({
  id,
  theme: 't',
  title: { en: id },
  severity: 'high',
  platforms: ['linux'],
  targets: ['live', 'os-image', 'container-image'],
  references: [],
  check,
  remediation: { en: 'fix it' },
  line: 1,
  ...extra,
});

/** A policy holding `rules` and an empty catalog, as the loader would give it. */
export const testPolicy = (rules: Rule[]): Policy => ({
  id: 'p',
  version: '1',
  title: { en: 'p' },
  sources: {},
  themes: {},
  rules,
  catalog: { apps: [] },
  file: '/p.yaml',
  sha256: '0'.repeat(64),
});

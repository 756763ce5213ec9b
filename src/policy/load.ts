import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import type { PolicyProblem } from '../errors.js';
import { PolicyError } from '../errors.js';
import { unknownFactReason } from '../fact-families.js';
import { operatorNamed, operatorNames } from '../operators/index.js';
import type { Catalog } from './catalog.js';
import type { Condition, Policy, Rule, Text } from './policy.js';
import { compileSchema, schemaProblems } from './schema-validator.js';
import type { PathSegment, YamlSource } from './yaml-source.js';
import { precompiledPolicy } from './precompiled.js';
import { maxYamlBytes, readYamlFile } from './yaml-source.js';
import catalogSchema from '../../schemas/catalog.schema.json' with { type: 'json' };
import policySchema from '../../schemas/policy.schema.json' with { type: 'json' };

/** The policy schema without the condition union: conditions get hand-written, precise messages. */
const structuralPolicySchema = {
  ...policySchema,
  $defs: { ...policySchema.$defs, condition: { type: 'object' }, expectation: { type: 'object' } },
};

interface RawRule {
  id: string;
  theme: string;
  title: string | Text;
  description?: string | Text;
  severity: Rule['severity'];
  platforms: Rule['platforms'];
  targets: Rule['targets'];
  references?: Rule['references'];
  when?: unknown;
  check?: unknown;
  manual?: true;
  remediation: string | Text;
}

interface RawPolicy {
  id: string;
  version: string;
  title: string | Text;
  description?: string | Text;
  catalogs?: string[];
  sources?: Policy['sources'];
  themes?: Record<string, string | Text>;
  rules: RawRule[];
}

const text = (value: string | Text): Text => (typeof value === 'string' ? { en: value } : value);
const optionalText = (value: string | Text | undefined): Text | undefined =>
  value === undefined ? undefined : text(value);

/** Load, validate and normalise a policy file and its catalogs. Every problem is reported at once. */
export interface LoadOptions {
  /** Use the build's precompiled copy of an unchanged shipped policy (default true). */
  precompiled?: boolean;
}

export const loadPolicy = async (file: string, options: LoadOptions = {}): Promise<Policy> => {
  const absolute = resolve(file);
  if (options.precompiled !== false) {
    const text = await readSmallText(absolute);
    const known = text === undefined ? undefined : await precompiledPolicy(absolute, text);
    if (known !== undefined) return known;
  }
  const source = await readYamlFile(absolute);
  const problems = schemaProblems(compileSchema(structuralPolicySchema), source.data, source);
  const raw = source.data as RawPolicy;
  // Structural problems do not stop the semantic checks: every problem is reported at once.
  if (isRecord(raw) && Array.isArray(raw.rules)) problems.push(...ruleProblems(raw, source));
  if (problems.length > 0 && !(isRecord(raw) && Array.isArray(raw.catalogs ?? []))) throw new PolicyError(sortProblems(problems));
  const catalogs = await Promise.all(
    (raw.catalogs ?? []).map(async (relative: unknown, index) => {
      if (typeof relative !== 'string') return undefined;
      try {
        return await loadCatalog(resolve(dirname(absolute), relative));
      } catch (error) {
        if (error instanceof PolicyError) {
          problems.push(...error.problems);
          if (error.problems.some((p) => p.message.includes('cannot read file'))) {
            problems.push(source.problem(['catalogs', index], `catalog '${relative}' cannot be read`));
          }
          return undefined;
        }
        throw error;
      }
    }),
  );
  if (problems.length > 0) throw new PolicyError(sortProblems(problems));

  const hash = createHash('sha256').update(source.text);
  for (const c of catalogs) if (c) hash.update(c.text);
  return {
    id: raw.id,
    version: raw.version,
    title: text(raw.title),
    description: optionalText(raw.description),
    sources: raw.sources ?? {},
    themes: Object.fromEntries(Object.entries(raw.themes ?? {}).map(([k, v]) => [k, text(v)])),
    rules: raw.rules.map((r, index) => ({
      id: r.id,
      theme: r.theme,
      title: text(r.title),
      description: optionalText(r.description),
      severity: r.severity,
      platforms: r.platforms,
      targets: r.targets,
      references: r.references ?? [],
      ...(r.when === undefined ? {} : { when: r.when as Condition }),
      ...(r.check === undefined ? { manual: true as const } : { check: r.check as Condition }),
      remediation: text(r.remediation),
      line: source.position(['rules', index]).line,
    })),
    catalog: { apps: catalogs.flatMap((c) => c?.catalog.apps ?? []) },
    file: absolute,
    sha256: hash.digest('hex'),
  };
};

/** The text of a file no bigger than a policy may be; undefined otherwise (the full loader then reports it). */
const readSmallText = async (file: string): Promise<string | undefined> => {
  const info = await stat(file).catch(() => undefined);
  if (info === undefined || info.size > maxYamlBytes) return undefined;
  return readFile(file, 'utf8').catch(() => undefined);
};

const sortProblems = (problems: PolicyProblem[]): PolicyProblem[] =>
  [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ruleProblems = (raw: RawPolicy, source: YamlSource): PolicyProblem[] => {
  const problems: PolicyProblem[] = [];
  const firstSeen = new Map<string, number>();
  const themes = isRecord(raw.themes) ? raw.themes : undefined;
  const sources = isRecord(raw.sources) ? raw.sources : undefined;
  raw.rules.forEach((rule: unknown, index) => {
    if (!isRecord(rule)) return;
    problems.push(...oneRuleProblems(rule, index, { themes, sources, firstSeen }, source));
  });
  return problems;
};

const oneRuleProblems = (
  rule: Partial<RawRule>,
  index: number,
  known: { themes: Record<string, unknown> | undefined; sources: Record<string, unknown> | undefined; firstSeen: Map<string, number> },
  source: YamlSource,
): PolicyProblem[] => {
  const problems: PolicyProblem[] = [];
  const { firstSeen } = known;
  {
    const at: PathSegment[] = ['rules', index];
    if (typeof rule.id === 'string') {
      const previous = firstSeen.get(rule.id);
      if (previous !== undefined) {
        const line = source.position(['rules', previous, 'id']).line;
        problems.push(source.problem([...at, 'id'], `duplicate rule id '${rule.id}' (first defined at line ${String(line)})`));
      } else {
        firstSeen.set(rule.id, index);
      }
    }
    if (known.themes && typeof rule.theme === 'string' && !(rule.theme in known.themes)) {
      problems.push(
        source.problem([...at, 'theme'], `unknown theme '${rule.theme}' (declared: ${Object.keys(known.themes).join(', ')})`),
      );
    }
    if (Array.isArray(rule.references)) {
      rule.references.forEach((ref: unknown, r) => {
        const name = isRecord(ref) ? ref.source : undefined;
        if (known.sources && typeof name === 'string' && !(name in known.sources)) {
          problems.push(source.problem([...at, 'references', r, 'source'], `unknown source '${name}'`));
        }
      });
    }
    if (rule.when !== undefined) problems.push(...conditionProblems(rule.when, [...at, 'when'], source));
    if (rule.check !== undefined) problems.push(...conditionProblems(rule.check, [...at, 'check'], source));
  }
  return problems;
};

const combinators = ['all', 'any', 'none'] as const;

const conditionProblems = (value: unknown, at: PathSegment[], source: YamlSource): PolicyProblem[] => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [source.problem(at, `${at.join('.')}: a condition must be a map with 'fact' and 'expect', or 'all'/'any'/'none'`)];
  }
  const keys = Object.keys(value);
  const combinator = combinators.find((c) => c in value);
  if (combinator) {
    const extra = keys.filter((k) => k !== combinator);
    const problems = extra.map((k) => source.problem([...at, k], `unknown key '${k}' next to '${combinator}'`, true));
    const children = (value as Record<string, unknown>)[combinator];
    if (!Array.isArray(children) || children.length === 0) {
      return [...problems, source.problem([...at, combinator], `'${combinator}' takes a non-empty list of conditions`)];
    }
    return [...problems, ...children.flatMap((c, i) => conditionProblems(c, [...at, combinator, i], source))];
  }
  const problems = keys
    .filter((k) => k !== 'fact' && k !== 'expect')
    .map((k) => source.problem([...at, k], `unknown key '${k}' in condition (use fact + expect, or all/any/none)`, true));
  const { fact, expect } = value as { fact?: unknown; expect?: unknown };
  if (typeof fact !== 'string') {
    problems.push(source.problem(at, `condition needs 'fact': a fact path like disk-encryption.systemVolumeEncrypted`));
  } else {
    const reason = unknownFactReason(fact);
    if (reason) problems.push(source.problem([...at, 'fact'], `unknown fact '${fact}': ${reason}`));
  }
  if (expect === undefined) {
    problems.push(source.problem(at, `condition needs 'expect', e.g. { equals: true }`));
  } else {
    problems.push(...expectationProblems(expect, [...at, 'expect'], source));
  }
  return problems;
};

/** Validate an expectation: one known operator, options valid against its schema, nested ones too. */
export const expectationProblems = (value: unknown, at: PathSegment[], source: YamlSource): PolicyProblem[] => {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length !== 1) {
    return [source.problem(at, `an expectation is a map with exactly one operator, e.g. { equals: true }`)];
  }
  const [name = '', options] = Object.entries(value)[0] ?? [];
  const operator = operatorNamed(name);
  if (!operator) {
    return [
      source.problem(
        [...at, name],
        `unknown operator '${name}' (known: ${operatorNames.join(', ')})`,
        true,
      ),
    ];
  }
  const problems = schemaProblems(compileSchema(operator.optionsSchema), options, source, [...at, name], `${name}: `);
  if (problems.length > 0) return problems;
  const typed = options as never;
  for (const message of operator.check?.(typed) ?? []) problems.push(source.problem([...at, name], `${name}: ${message}`));
  for (const child of operator.nested?.(typed) ?? []) {
    problems.push(...expectationProblems(child.expectation, [...at, name, ...child.path], source));
  }
  return problems;
};

export interface LoadedCatalog {
  catalog: Catalog;
  text: string;
}

export const loadCatalog = async (file: string): Promise<LoadedCatalog> => {
  const source = await readYamlFile(file);
  const problems = schemaProblems(compileSchema(catalogSchema), source.data, source);
  const apps = (source.data as Partial<Catalog> | null)?.apps ?? [];
  if (problems.length === 0) {
    const seen = new Set<string>();
    apps.forEach((app, index) => {
      if (seen.has(app.id)) problems.push(source.problem(['apps', index, 'id'], `duplicate app id '${app.id}'`));
      seen.add(app.id);
      const patterns = [...(app.namePatterns ?? []), ...(app.windows?.uninstallNames ?? [])];
      for (const pattern of patterns) {
        try {
          new RegExp(pattern, 'i');
        } catch {
          problems.push(source.problem(['apps', index], `app '${app.id}': invalid regular expression ${JSON.stringify(pattern)}`));
        }
      }
    });
  }
  if (problems.length > 0) throw new PolicyError(problems);
  return { catalog: { apps }, text: source.text };
};

import { createHash } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';
import { readRegularText } from '../bounded-read.js';
import type { PolicyProblem } from '../errors.js';
import { PolicyError } from '../errors.js';
import type { Json, TargetClass } from '../model.js';
import { imageAlias, targetClasses } from '../model.js';
import type { Catalog } from './catalog.js';
import type { RawCatalogOverride, RawOverride } from './extends.js';
import { applyOverrides, catalogOverrideProblems, confinedBeside, mergeCatalogs, overrideProblems, reclassify, resolveExtends } from './extends.js';
import { parameterUses, resolveParameters } from './parameters.js';
import type { Condition, Policy, Rule, Text } from './policy.js';
import { schemaProblems } from './schema-validator.js';
import { validator } from './validators/index.js';
import type { PathSegment, YamlSource } from './yaml-source.js';
import { conditionProblems } from './condition-problems.js';
import { precompiledPolicy } from './precompiled.js';
import { maxYamlBytes, readYamlFile } from './yaml-source.js';
import { safeRegexProblem } from '../safe-regex.js';

interface RawRule {
  id: string;
  theme: string;
  title: string | Text;
  description?: string | Text;
  severity: Rule['severity'];
  platforms: Rule['platforms'];
  /** Classes, or `image` for both image classes. */
  targets: (Rule['targets'][number] | 'image')[];
  references?: Rule['references'];
  parameters?: Record<string, Json>;
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
  extends?: string;
  overrides?: Record<string, RawOverride>;
  catalogOverrides?: Record<string, RawCatalogOverride>;
  catalogs?: string[];
  sources?: Policy['sources'];
  themes?: Record<string, string | Text>;
  rules?: RawRule[];
  audit?: { staleAfterDays?: number };
}

const text = (value: string | Text): Text => (typeof value === 'string' ? { en: value } : value);
const optionalText = (value: string | Text | undefined): Text | undefined => (value === undefined ? undefined : text(value));

/** How deep `extends:` may go: a chain longer than this is a mistake. */
const maxExtendsDepth = 8;

/** Load, validate and normalise a policy file and its catalogs. Every problem is reported at once. */
export interface LoadOptions {
  /** Use the build's precompiled copy of an unchanged shipped policy (default true). */
  precompiled?: boolean;
  /** The extending files being loaded, outermost first (loop detection). */
  chain?: readonly string[];
}

export const loadPolicy = async (file: string, options: LoadOptions = {}): Promise<Policy> => {
  const absolute = resolve(file);
  if (options.precompiled !== false) {
    const text = await readSmallText(absolute);
    const known = text === undefined ? undefined : await precompiledPolicy(absolute, text);
    if (known !== undefined) return known;
  }
  const source = await readYamlFile(absolute);
  const problems = schemaProblems(validator('policy'), source.data, source);
  const raw = source.data as RawPolicy;
  const base = isRecord(raw) && typeof raw.extends === 'string' ? await loadBase(raw.extends, absolute, source, options, problems) : undefined;
  const ownRules = isRecord(raw) && Array.isArray(raw.rules) ? raw.rules : [];
  // Structural problems do not stop the semantic checks: every problem is reported at once.
  if (isRecord(raw)) problems.push(...ruleProblems(raw, ownRules, base, source));
  if (base !== undefined) problems.push(...overrideProblems(raw.overrides, base, source));
  if (problems.length > 0 && !(isRecord(raw) && Array.isArray(raw.catalogs ?? []))) throw new PolicyError(sortProblems(problems));
  const catalogs = await Promise.all(
    (raw.catalogs ?? []).map(async (relative: unknown, index) => {
      if (typeof relative !== 'string') return undefined;
      const catalogFile = resolve(dirname(absolute), relative);
      if (!(await confinedBeside(catalogFile, absolute))) {
        problems.push(source.problem(['catalogs', index], outsideMessage('catalog')));
        return undefined;
      }
      try {
        return await loadCatalog(catalogFile);
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
  const ownApps = catalogs.flatMap((c) => c?.catalog.apps ?? []);
  const catalog = mergeCatalogs(base?.catalog ?? { apps: [] }, ownApps);
  if (raw.catalogOverrides !== undefined && base === undefined && problems.length === 0) {
    problems.push(source.problem(['catalogOverrides'], "'catalogOverrides' needs 'extends' (change your own catalogs directly)", true));
  }
  if (raw.overrides !== undefined && base === undefined && problems.length === 0) {
    problems.push(source.problem(['overrides'], "'overrides' needs 'extends' (change your own rules directly)", true));
  }
  if (base !== undefined) problems.push(...catalogOverrideProblems(raw.catalogOverrides, catalog, source));
  if (problems.length > 0) throw new PolicyError(sortProblems(problems));

  const hash = createHash('sha256').update(source.text);
  for (const c of catalogs) if (c) hash.update(c.text);
  if (base !== undefined) hash.update(base.sha256);
  const inherited = base === undefined ? [] : applyOverrides(base, raw.overrides ?? {}, raw.id);
  return {
    id: raw.id,
    version: raw.version,
    title: text(raw.title),
    description: optionalText(raw.description),
    sources: { ...base?.sources, ...raw.sources },
    themes: { ...base?.themes, ...Object.fromEntries(Object.entries(raw.themes ?? {}).map(([k, v]) => [k, text(v)])) },
    rules: [...inherited, ...ownRules.map((r, index) => normaliseRule(r, source.position(['rules', index]).line))],
    catalog: reclassify(catalog, raw.catalogOverrides ?? {}),
    file: absolute,
    sha256: hash.digest('hex'),
    ...(base === undefined ? {} : { extends: [{ id: base.id, version: base.version, file: base.file }, ...(base.extends ?? [])] }),
    ...(raw.audit === undefined && base?.audit === undefined ? {} : { audit: { ...base?.audit, ...raw.audit } }),
  };
};

/** `targets:` as classes, in their canonical order: `image` (the first edition's name) is both image classes. */
export const expandTargets = (targets: RawRule['targets']): TargetClass[] => {
  const named = new Set(targets.flatMap((t) => (t === 'image' ? imageAlias : [t])));
  return targetClasses.filter((c) => named.has(c));
};

const normaliseRule = (r: RawRule, line: number): Rule => {
  const parameters = r.parameters;
  const resolved = <T>(value: T): T => (parameters === undefined ? value : resolveParameters(value, parameters));
  return {
    id: r.id,
    theme: r.theme,
    title: text(r.title),
    description: optionalText(r.description),
    severity: r.severity,
    platforms: r.platforms,
    targets: expandTargets(r.targets),
    references: r.references ?? [],
    ...(r.when === undefined ? {} : { when: resolved(r.when as Condition) }),
    ...(r.check === undefined ? { manual: true as const } : { check: resolved(r.check as Condition) }),
    remediation: text(r.remediation),
    line,
    ...(parameters === undefined
      ? {}
      : {
          parameters,
          templates: {
            ...(r.when === undefined ? {} : { when: r.when as Condition }),
            ...(r.check === undefined ? {} : { check: r.check as Condition }),
          },
        }),
  };
};

/** The policy named by `extends:`; its own problems are reported as they are, a missing one at `extends`. */
const loadBase = async (name: string, from: string, source: YamlSource, options: LoadOptions, problems: PolicyProblem[]): Promise<Policy | undefined> => {
  if (name.trim() === '') return undefined; // the schema reports it
  const target = resolveExtends(name, from);
  if (!(await confinedBeside(target, from))) {
    problems.push(source.problem(['extends'], outsideMessage('extended policy')));
    return undefined;
  }
  const chain = [...(options.chain ?? []), from];
  if (chain.includes(target)) {
    problems.push(source.problem(['extends'], `extends loop: ${[...chain, target].map((f) => basename(f)).join(' → ')}`));
    return undefined;
  }
  if (chain.length > maxExtendsDepth) {
    problems.push(source.problem(['extends'], `extends chain deeper than ${String(maxExtendsDepth)} policies`));
    return undefined;
  }
  try {
    return await loadPolicy(target, { ...options, chain });
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    const unreadable = error.problems.length === 1 && error.problems[0]?.file === target && error.problems[0].message.startsWith('cannot read file');
    if (unreadable) {
      problems.push(
        source.problem(['extends'], `cannot read the policy '${name}' (${target}): ${error.problems[0]?.message.replace(/^cannot read file: /, '') ?? ''}`),
      );
    } else {
      problems.push(...error.problems);
    }
    return undefined;
  }
};

const outsideMessage = (what: string): string =>
  `the ${what} must be a shipped one or a file in this policy's directory or below (not an absolute path elsewhere, not '..' out of it, not a symlink out of it); not read`;

/** The text of a file no bigger than a policy may be; undefined otherwise (the full loader then reports it). */
const readSmallText = (file: string): Promise<string | undefined> => readRegularText(file, maxYamlBytes).catch(() => undefined);

const sortProblems = (problems: PolicyProblem[]): PolicyProblem[] =>
  [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const ruleProblems = (raw: RawPolicy, rules: readonly unknown[], base: Policy | undefined, source: YamlSource): PolicyProblem[] => {
  const problems: PolicyProblem[] = [];
  if (base === undefined && raw.extends === undefined && raw.rules === undefined) return problems; // the schema says rules are missing
  const firstSeen = new Map<string, number>();
  const inherited = new Map((base?.rules ?? []).map((rule) => [rule.id, rule]));
  const themes = isRecord(raw.themes) || base ? { ...base?.themes, ...(isRecord(raw.themes) ? raw.themes : {}) } : undefined;
  const sources = isRecord(raw.sources) || base ? { ...base?.sources, ...(isRecord(raw.sources) ? raw.sources : {}) } : undefined;
  rules.forEach((rule: unknown, index) => {
    if (!isRecord(rule)) return;
    if (typeof rule.id === 'string' && inherited.has(rule.id)) {
      problems.push(
        source.problem(['rules', index, 'id'], `rule '${rule.id}' is already defined by ${base?.id ?? 'the extended policy'}; change it under 'overrides'`),
      );
    }
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
    if (known.themes && typeof rule.theme === 'string' && !Object.hasOwn(known.themes, rule.theme)) {
      problems.push(source.problem([...at, 'theme'], `unknown theme '${rule.theme}' (declared: ${Object.keys(known.themes).join(', ')})`));
    }
    if (Array.isArray(rule.references)) {
      rule.references.forEach((ref: unknown, r) => {
        const name = isRecord(ref) ? ref.source : undefined;
        if (known.sources && typeof name === 'string' && !Object.hasOwn(known.sources, name)) {
          problems.push(source.problem([...at, 'references', r, 'source'], `unknown source '${name}'`));
        }
      });
    }
    const parameters: Record<string, Json> = isRecord(rule.parameters) ? rule.parameters : {};
    // A parameter is a plain value: one that names a parameter (itself or another) is never resolved.
    const nested = Object.entries(parameters).flatMap(([name, value]) =>
      parameterUses(value, [...at, 'parameters', name]).map((use) => ({ ...use, owner: name })),
    );
    for (const use of nested) {
      const what = use.name === use.owner ? 'itself' : `parameter '${use.name}'`;
      problems.push(source.problem(use.path, `parameter '${use.owner}' refers to ${what}: a parameter's value is written out, not { param: ... }`));
    }
    if (nested.length > 0) return problems;
    const uses = [...parameterUses(rule.when, [...at, 'when']), ...parameterUses(rule.check, [...at, 'check'])];
    const undeclared = uses.filter((use) => !Object.hasOwn(parameters, use.name));
    const declared = Object.keys(parameters);
    for (const use of undeclared) {
      const known = declared.length > 0 ? `declared: ${declared.join(', ')}` : "the rule declares no 'parameters'";
      problems.push(source.problem(use.path, `unknown parameter '${use.name}' (${known})`));
    }
    for (const name of declared) {
      if (!uses.some((use) => use.name === name))
        problems.push(source.problem([...at, 'parameters', name], `parameter '${name}' is never used as { param: ${name} }`, true));
    }
    // An undeclared parameter is reported once, not again as a value of the wrong type.
    if (rule.when !== undefined && undeclared.length === 0)
      problems.push(...conditionProblems(resolveParameters(rule.when, parameters), [...at, 'when'], source));
    if (rule.check !== undefined && undeclared.length === 0)
      problems.push(...conditionProblems(resolveParameters(rule.check, parameters), [...at, 'check'], source));
  }
  return problems;
};

export interface LoadedCatalog {
  catalog: Catalog;
  text: string;
}

export const loadCatalog = async (file: string): Promise<LoadedCatalog> => {
  const source = await readYamlFile(file);
  const problems = schemaProblems(validator('catalog'), source.data, source);
  const apps = (source.data as Partial<Catalog> | null)?.apps ?? [];
  if (problems.length === 0) {
    const seen = new Set<string>();
    apps.forEach((app, index) => {
      if (seen.has(app.id)) problems.push(source.problem(['apps', index, 'id'], `duplicate app id '${app.id}'`));
      seen.add(app.id);
      const patternLists = [
        [['apps', index, 'namePatterns'], app.namePatterns ?? []],
        [['apps', index, 'windows', 'uninstallNames'], app.windows?.uninstallNames ?? []],
      ] as const;
      for (const [at, patterns] of patternLists) {
        patterns.forEach((pattern, i) => {
          const problem = safeRegexProblem(pattern, 'i');
          if (problem !== undefined)
            problems.push(source.problem([...at, i], `app '${app.id}': invalid regular expression ${JSON.stringify(pattern)}: ${problem}`));
        });
      }
    });
  }
  if (problems.length > 0) throw new PolicyError(problems);
  return { catalog: { apps }, text: source.text };
};

/**
 * Organisation policies: `extends:` another policy (a shipped one by name, or a file), then
 * `overrides:` (severity, parameters, remediation, or `disable: <reason>`) per inherited rule,
 * `catalogOverrides:` to reclassify inherited apps, own `catalogs:` to add or replace apps, and
 * own `rules:`. Every problem points at the file and line that causes it.
 */
import { didYouMeanSuffix } from '../did-you-mean.js';
import { realpath } from 'node:fs/promises';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import type { PolicyProblem } from '../errors.js';
import { packageInfo } from '../package-info.js';
import type { Json, Severity } from '../model.js';
import type { Catalog, CatalogApp } from './catalog.js';
import { conditionProblems } from './condition-problems.js';
import { jsonType, resolveParameters } from './parameters.js';
import type { Condition, Policy, Rule, Text } from './policy.js';
import type { YamlSource } from './yaml-source.js';

export interface RawOverride {
  severity?: Severity;
  disable?: string;
  parameters?: Record<string, Json>;
  remediation?: string | Text;
}

export type RawCatalogOverride = Partial<Pick<CatalogApp, 'approved' | 'categories' | 'name' | 'notes' | 'reason'>>;

const shippedName = /^[a-z0-9][a-z0-9-]*$/;

/** `lu-state-charter` → the shipped file; anything else is a path relative to the extending file. */
export const resolveExtends = (name: string, fromFile: string): string => {
  if (shippedName.test(name)) return join(packageInfo().root, 'policies', `${name}.yaml`);
  return resolve(dirname(fromFile), name);
};

const inside = (file: string, directory: string): boolean => {
  const rest = relative(directory, file);
  return rest === '' || (!rest.startsWith('..') && !isAbsolute(rest));
};

/** The real path of `file`, or `file` itself when it does not exist (the read then says so). */
const realOrSelf = (file: string): Promise<string> => realpath(file).catch(() => file);

/**
 * Where `extends:` or `catalogs:` may read: beside the file that names it (its directory or below)
 * or among the shipped policies, after every symlink is followed. Anything else (an absolute path
 * elsewhere, `..` climbing out, a symlink pointing out) is refused unread: a policy in a pull
 * request must not make CI print another file.
 */
export const confinedBeside = async (file: string, fromFile: string): Promise<boolean> => {
  const roots = await Promise.all([realOrSelf(dirname(fromFile)), realOrSelf(join(packageInfo().root, 'policies'))]);
  const lexical = roots.some((root) => inside(file, root)) || inside(file, dirname(fromFile)) || inside(file, join(packageInfo().root, 'policies'));
  if (!lexical) return false;
  const real = await realOrSelf(file);
  return roots.some((root) => inside(real, root));
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: string | Text): Text => (typeof value === 'string' ? { en: value } : value);

/** Problems of `overrides:` against the inherited rules (schema problems are reported elsewhere). */
export const overrideProblems = (overrides: unknown, base: Policy, source: YamlSource): PolicyProblem[] => {
  if (!isRecord(overrides)) return [];
  const problems: PolicyProblem[] = [];
  const rules = new Map(base.rules.map((rule) => [rule.id, rule]));
  for (const [id, override] of Object.entries(overrides)) {
    const at = ['overrides', id];
    const rule = rules.get(id);
    if (rule === undefined) {
      problems.push(source.problem(at, `unknown rule '${id}': ${base.id} has no such rule${didYouMeanSuffix(id, [...rules.keys()])}`, true));
      continue;
    }
    if (!isRecord(override) || !isRecord(override.parameters)) continue;
    const declared = rule.parameters ?? {};
    const names = Object.keys(declared);
    const given = override.parameters as Record<string, Json>;
    const typed: Record<string, Json> = {};
    for (const [name, value] of Object.entries(given)) {
      const where = [...at, 'parameters', name];
      if (!Object.hasOwn(declared, name)) {
        const known = names.length > 0 ? `its parameters: ${names.join(', ')}` : 'it has no parameters';
        problems.push(source.problem(where, `rule ${id} has no parameter '${name}' (${known})`, true));
      } else if (jsonType(value) !== jsonType(declared[name])) {
        problems.push(
          source.problem(where, `parameter '${name}' of ${id} must be a ${jsonType(declared[name])}, like the inherited ${JSON.stringify(declared[name])}`),
        );
      } else {
        typed[name] = value;
      }
    }
    // The inherited conditions with the new values must still be valid; problems point at the value.
    for (const name of Object.keys(typed)) {
      const values = { ...declared, [name]: typed[name] ?? null };
      const repointed = {
        problem: (_path: readonly unknown[], message: string) => source.problem([...at, 'parameters', name], `parameter '${name}': ${message}`),
      };
      for (const [key, condition] of Object.entries(rule.templates ?? {})) {
        problems.push(...conditionProblems(resolveParameters(condition, values), [key], repointed));
      }
    }
  }
  return problems;
};

/** The inherited rules with `overrides` applied; `policyId` is the extending policy (named in reports). */
export const applyOverrides = (base: Policy, overrides: Record<string, RawOverride>, policyId: string): Rule[] =>
  base.rules.map((inherited) => {
    const rule: Rule = { ...inherited, file: inherited.file ?? base.file };
    const override = Object.hasOwn(overrides, rule.id) ? overrides[rule.id] : undefined;
    if (override === undefined) return rule;
    const changes = [...(rule.overridden ?? [])];
    if (override.severity !== undefined && override.severity !== rule.severity) {
      changes.push(`severity ${rule.severity} → ${override.severity} (${policyId})`);
      rule.severity = override.severity;
    }
    if (override.remediation !== undefined) {
      rule.remediation = text(override.remediation);
      changes.push(`remediation (${policyId})`);
    }
    if (override.parameters !== undefined) {
      const parameters = { ...rule.parameters, ...override.parameters };
      for (const [name, value] of Object.entries(override.parameters)) {
        changes.push(`${name} ${JSON.stringify(rule.parameters?.[name] ?? null)} → ${JSON.stringify(value)} (${policyId})`);
      }
      rule.parameters = parameters;
      const { when, check } = rule.templates ?? {};
      if (when !== undefined) rule.when = resolveParameters<Condition>(when, parameters);
      if (check !== undefined) rule.check = resolveParameters<Condition>(check, parameters);
    }
    if (override.disable !== undefined) rule.disabled = { by: policyId, reason: override.disable };
    if (changes.length > 0) rule.overridden = changes;
    return rule;
  });

/** Problems of `catalogOverrides:`: every id must name an app of the merged catalog. */
export const catalogOverrideProblems = (overrides: unknown, catalog: Catalog, source: YamlSource): PolicyProblem[] => {
  if (!isRecord(overrides)) return [];
  const known = new Set(catalog.apps.map((app) => app.id));
  return Object.keys(overrides)
    .filter((id) => !known.has(id))
    .map((id) => source.problem(['catalogOverrides', id], `unknown catalog app '${id}' (not in the inherited or added catalogs)`, true));
};

/**
 * The inherited catalog with the extending policy's own apps: an app with an inherited id replaces
 * it in place; new apps come first, so an administration's own entries win a match.
 */
export const mergeCatalogs = (base: Catalog, own: readonly CatalogApp[]): Catalog => {
  const ownById = new Map(own.map((app) => [app.id, app]));
  const inheritedIds = new Set(base.apps.map((app) => app.id));
  const added = own.filter((app) => !inheritedIds.has(app.id));
  return { apps: [...added, ...base.apps.map((app) => ownById.get(app.id) ?? app)] };
};

/** The catalog with `catalogOverrides` applied (their ids are checked by catalogOverrideProblems). */
export const reclassify = (catalog: Catalog, overrides: Readonly<Record<string, RawCatalogOverride>>): Catalog => ({
  apps: catalog.apps.map((app) => (Object.hasOwn(overrides, app.id) ? { ...app, ...overrides[app.id] } : app)),
});

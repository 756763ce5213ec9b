/**
 * Policies checked at build time. Parsing YAML and compiling the JSON Schemas costs more than the
 * whole rest of a `charter check`, for a policy that does not change between runs. The build
 * (scripts/build.mjs) loads the shipped policies with the full loader and writes the results to
 * dist/policies.json, keyed by the sha256 of the policy text; each entry also records the sha256 of
 * every catalog it read. loadPolicy uses an entry only when the policy text and every catalog text
 * hash to the same values, so an edited policy is always loaded, validated and reported afresh.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { embedded } from '../sea/embedded.js';
import { readRegularText } from '../bounded-read.js';
import { limits } from '../limits.js';
import { dirname, resolve } from 'node:path';
import type { Policy } from './policy.js';

export interface PrecompiledEntry {
  /** Catalog files as the policy names them, with the sha256 of their text. */
  catalogs: { path: string; sha256: string }[];
  policy: Omit<Policy, 'file'>;
}

export type PrecompiledTable = Record<string, PrecompiledEntry>;

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

let table: PrecompiledTable | null | undefined;

/** dist/policies.json next to the bundle (dist/ or dist/chunks/); absent when running from source. */
const loadTable = (): PrecompiledTable | null => {
  if (process.env.CHARTER_NO_PRECOMPILED === '1') return null;
  const sea = embedded();
  if (sea) return sea.precompiled as PrecompiledTable | null;
  for (const relative of ['./policies.json', '../policies.json']) {
    try {
      return JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as PrecompiledTable;
    } catch {
      // not there: try the next place, then go without
    }
  }
  return null;
};

/** The precompiled policy for this exact text (and unchanged catalogs), or undefined. */
export const precompiledPolicy = async (file: string, text: string, from?: PrecompiledTable): Promise<Policy | undefined> => {
  table ??= loadTable();
  const entry = (from ?? table)?.[sha256(text)];
  if (entry === undefined) return undefined;
  for (const catalog of entry.catalogs) {
    const current = await readRegularText(resolve(dirname(file), catalog.path), limits.policyBytes).catch(() => undefined);
    if (current === undefined || sha256(current) !== catalog.sha256) return undefined;
  }
  return { ...entry.policy, file };
};

/** The table entry for a loaded policy (used by the build). */
export const precompiledEntry = (policy: Policy, policyText: string, catalogs: { path: string; text: string }[]): [string, PrecompiledEntry] => {
  const rest: Partial<Policy> = { ...policy };
  delete rest.file;
  return [sha256(policyText), { catalogs: catalogs.map((c) => ({ path: c.path, sha256: sha256(c.text) })), policy: rest as Omit<Policy, 'file'> }];
};

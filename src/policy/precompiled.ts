/**
 * Policies checked at build time. Parsing YAML and compiling the JSON Schemas costs more than the
 * whole rest of a `charter check`, for a policy that does not change between runs. The build
 * (scripts/build.mjs) loads the shipped policies with the full loader and writes the results to
 * dist/policies.json with the text of the policy and of every catalog it read. loadPolicy uses an
 * entry only when the policy text and every catalog text are exactly those texts, compared whole
 * (no hash, so no node:crypto at start-up: the policy's sha256 is in the entry), so an edited
 * policy is always loaded, validated and reported afresh. The name of a file is never trusted.
 */
import { readFileSync } from 'node:fs';
import { embedded } from '../sea/embedded.js';
import { readRegularFileSync } from '../bounded-read.js';
import { limits } from '../limits.js';
import { dirname, resolve } from 'node:path';
import type { Policy } from './policy.js';

export interface PrecompiledEntry {
  /** The policy text the build loaded. */
  text: string;
  /** Catalog files as the policy names them, with the text the build read. */
  catalogs: { path: string; text: string }[];
  policy: Omit<Policy, 'file'>;
}

export type PrecompiledTable = PrecompiledEntry[];

let table: PrecompiledTable | null | undefined;

/** A table of this build's shape, else null (a table written by an older build is not used). */
const checked = (value: unknown): PrecompiledTable | null => (Array.isArray(value) ? (value as PrecompiledTable) : null);

/** dist/policies.json next to the bundle (dist/ or dist/chunks/); absent when running from source. */
const loadTable = (): PrecompiledTable | null => {
  if (process.env.CHARTER_NO_PRECOMPILED === '1') return null;
  const sea = embedded();
  if (sea) return checked(sea.precompiled);
  for (const relative of ['./policies.json', '../policies.json']) {
    try {
      return checked(JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')));
    } catch {
      // not there: try the next place, then go without
    }
  }
  return null;
};

/**
 * The text of a policy or catalog file (a regular file, at most `maxBytes`), or undefined when it
 * cannot be read. Without the event loop: a few direct reads, not a round trip per step.
 */
export const readPolicyText = (file: string, maxBytes: number = limits.policyBytes): string | undefined => {
  try {
    return readRegularFileSync(file, maxBytes, Buffer.allocUnsafe(128 * 1024)).bytes.toString('utf8');
  } catch {
    return undefined;
  }
};

/** The precompiled policy for this exact text (and unchanged catalogs), or undefined. */
const lookup = (file: string, text: string, from?: PrecompiledTable): Policy | undefined => {
  table ??= loadTable();
  const entry = (from ?? table)?.find((candidate) => candidate.text === text);
  if (entry === undefined) return undefined;
  for (const catalog of entry.catalogs) {
    if (readPolicyText(resolve(dirname(file), catalog.path)) !== catalog.text) return undefined;
  }
  return { ...entry.policy, file };
};

export const precompiledPolicy = (file: string, text: string, from?: PrecompiledTable): Promise<Policy | undefined> =>
  Promise.resolve(lookup(file, text, from));

/** The table entry for a loaded policy (used by the build). */
export const precompiledEntry = (policy: Policy, policyText: string, catalogs: { path: string; text: string }[]): PrecompiledEntry => {
  const rest: Partial<Policy> = { ...policy };
  delete rest.file;
  return { text: policyText, catalogs, policy: rest as Omit<Policy, 'file'> };
};

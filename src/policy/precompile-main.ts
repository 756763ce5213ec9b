/**
 * Build step: load every shipped policy with the full loader (YAML, schemas, semantic checks) and
 * write dist/policies.json for precompiled.ts. Run by scripts/build.mjs after bundling.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { loadPolicy } from './load.js';
import { precompiledEntry, type PrecompiledTable } from './precompiled.js';

const [policiesDir = 'policies', output = 'dist/policies.json'] = process.argv.slice(2);
const table: PrecompiledTable = [];
for (const name of readdirSync(policiesDir)
  .filter((n) => n.endsWith('.yaml') && !n.startsWith('.'))
  .sort()) {
  const file = resolve(policiesDir, name);
  const text = readFileSync(file, 'utf8');
  const policy = await loadPolicy(file, { precompiled: false });
  // An entry verifies the policy's own text and its catalogs' only: a policy that extends another
  // (whose files could change apart from it) is left to the full loader at run time.
  if (policy.extends !== undefined) continue;
  const catalogPaths = ((parse(text) as { catalogs?: unknown }).catalogs ?? []) as string[];
  const catalogs = catalogPaths.map((path) => ({ path, text: readFileSync(join(dirname(file), path), 'utf8') }));
  table.push(precompiledEntry(policy, text, catalogs));
}
writeFileSync(output, `${JSON.stringify(table)}\n`);

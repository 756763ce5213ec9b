/**
 * The policy in a file, loading as little code as it can: an unchanged shipped policy is the
 * build's precompiled copy (precompiled.ts), which needs neither the YAML parser nor the schema
 * validators nor the regular expression engine; any other file loads the full loader (load.ts),
 * imported only then, which validates it and reports every problem. The result is the same as
 * loadPolicy's: loadPolicy itself takes the precompiled copy first.
 */
import { resolve } from 'node:path';
import type { Policy } from './policy.js';
import { precompiledPolicy, readPolicyText } from './precompiled.js';

export const openPolicy = async (file: string): Promise<Policy> => {
  const absolute = resolve(file);
  const text = readPolicyText(absolute);
  const known = text === undefined ? undefined : await precompiledPolicy(absolute, text);
  if (known !== undefined) return known;
  const { loadPolicy } = await import('./load.js');
  return loadPolicy(absolute);
};

import { isAbsolute, relative } from 'node:path';
import { packageInfo } from '../package-info.js';

/**
 * The policy file as reports should name it: relative to the working directory when it is inside
 * it (SARIF locations must be repository-relative), else relative to the charter package (the
 * shipped charter: `policies/lu-state-charter.yaml`). Its own module: `rules` and `explain` need it
 * without render.ts's colours.
 */
export const displayPolicyPath = (file: string, cwd: string): string => {
  const fromCwd = relative(cwd, file);
  if (fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd)) return fromCwd;
  const fromPackage = relative(packageInfo().root, file);
  return fromPackage.startsWith('..') || isAbsolute(fromPackage) ? file : fromPackage;
};

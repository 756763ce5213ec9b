import { resolve } from 'node:path';
import { openPolicy } from '../policy/open.js';
import type { Io } from './io.js';

/** Valid: one line on stdout and exit 0. Invalid: the PolicyError reaches main, which prints every problem and exits 2. */
export const validateCommand = async (file: string, io: Io): Promise<number> => {
  const policy = await openPolicy(resolve(io.cwd, file));
  io.stdout.write(
    `${file}: valid policy ${policy.id} ${policy.version} (${String(policy.rules.length)} rules, ${String(policy.catalog.apps.length)} catalog apps)\n`,
  );
  return 0;
};

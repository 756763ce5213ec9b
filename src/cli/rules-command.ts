import { UsageError } from '../errors.js';
import { resolve } from 'node:path';
import type { Language } from '../model.js';
import { openPolicy } from '../policy/open.js';
import { rulesReporters } from '../reporters/policy/rules-reporters.js';
import type { Io } from './io.js';
import { defaultPolicyFile } from '../package-info.js';
import { displayPolicyPath } from './policy-path.js';

/** The formats, for the command line (main.ts): read from this module, so that they load with the command in one chunk. */
export { rulesReporters };

export const rulesCommand = async (flags: { policy?: string; format: string; lang: Language }, io: Io): Promise<number> => {
  const policy = await openPolicy(flags.policy ? resolve(io.cwd, flags.policy) : defaultPolicyFile());
  const reporter = rulesReporters[flags.format];
  if (reporter === undefined) throw new UsageError(`unknown format '${flags.format}': expected one of ${Object.keys(rulesReporters).join(', ')}`);
  io.stdout.write(reporter.render(policy, { language: flags.lang, displayPath: (file) => displayPolicyPath(file, io.cwd) }));
  return 0;
};

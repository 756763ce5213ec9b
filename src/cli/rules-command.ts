import { resolve } from 'node:path';
import { cliMessagesFor } from '../i18n/cli-messages.js';
import type { Language } from '../model.js';
import { openPolicy } from '../policy/open.js';
import { translate } from '../policy/policy.js';
import type { Io } from './io.js';
import { defaultPolicyFile } from '../package-info.js';
import { terminalSafe } from '../reporters/escape.js';

export const rulesCommand = async (
  flags: { policy?: string; format: 'text' | 'json'; lang: Language },
  io: Io,
): Promise<number> => {
  const policy = await openPolicy(flags.policy ? resolve(io.cwd, flags.policy) : defaultPolicyFile());
  const language = flags.lang;
  const rows = policy.rules.map((r) => ({
    id: r.id,
    severity: r.severity,
    theme: r.theme,
    kind: r.manual ? 'manual' : 'automatic',
    platforms: r.platforms,
    targets: r.targets,
    title: translate(r.title, language),
  }));
  if (flags.format === 'json') {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  // Policy text is input: escaped for the terminal.
  const idWidth = Math.max(...rows.map((r) => terminalSafe(r.id).length));
  const manual = cliMessagesFor(language).manualRule;
  for (const r of rows) {
    io.stdout.write(`${terminalSafe(r.id).padEnd(idWidth)}  ${r.severity.padEnd(8)}  ${terminalSafe(r.title)}${r.kind === 'manual' ? manual : ''}\n`);
  }
  return 0;
};

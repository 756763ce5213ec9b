import { didYouMean } from '../did-you-mean.js';
import { UsageError } from '../errors.js';
import { loadFactDescriptions } from '../fact-descriptions.js';
import { explainMessagesFor } from '../i18n/explain-messages.js';
import type { Language } from '../model.js';
import type { Policy, Rule } from '../policy/policy.js';
import type { Io } from './io.js';
import { loadPolicyForRun, type PolicyFlags } from './load-policy.js';
import { displayPolicyPath } from './policy-path.js';
import { explainReporters } from '../reporters/policy/explain-reporters.js';

/** The formats, for the command line (main.ts): read from this module, so that they load with the command in one chunk. */
export { explainReporters };

export interface ExplainFlags extends PolicyFlags {
  lang: Language;
  format: string;
}

/** Rule ids close in spelling (`ENC01`, `lck-1`), else those of the same family (`LCK-99` → LCK-01, ...), for "did you mean". */
const suggestions = (policy: Policy, id: string): string[] => {
  const ids = policy.rules.map((r) => r.id);
  const close = didYouMean(id, ids);
  if (close.length > 0) return close;
  const prefix = id.toUpperCase().split('-')[0] ?? id.toUpperCase();
  return ids.filter((candidate) => candidate.toUpperCase().startsWith(`${prefix}-`)).slice(0, 5);
};

export const findRule = (policy: Policy, id: string, language: Language): Rule => {
  const rule = policy.rules.find((r) => r.id.toUpperCase() === id.toUpperCase());
  if (rule === undefined) throw new UsageError(explainMessagesFor(language).unknownRule(id, policy.id, suggestions(policy, id)));
  return rule;
};

export const explainCommand = async (id: string, flags: ExplainFlags, io: Io): Promise<number> => {
  const { policy } = await loadPolicyForRun(flags, io);
  const rule = findRule(policy, id, flags.lang);
  const reporter = explainReporters[flags.format];
  if (reporter === undefined) throw new UsageError(`unknown format '${flags.format}': expected one of ${Object.keys(explainReporters).join(', ')}`);
  io.stdout.write(
    reporter.render({ policy, rule, facts: await loadFactDescriptions() }, { language: flags.lang, displayPath: (file) => displayPolicyPath(file, io.cwd) }),
  );
  return 0;
};

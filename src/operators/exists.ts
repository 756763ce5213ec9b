/**
 * `exists: true | false`: the value is present and not null (true), or missing or null (false).
 *
 * The only operator that `acceptsUnknown`: it receives `null` for a value that is missing or null.
 * Inside `where` it tells a missing field from a present one. On a whole fact, `null` means the
 * probe could not determine it, so the evaluator should treat a null top-level fact as an error
 * rather than let `exists: false` pass on it.
 */
import { describers } from './describe/describers.js';
import { defineOperator } from './operator.js';

export const exists = defineOperator<boolean>({
  name: 'exists',
  description: 'The value is present and not null (true), or missing or null (false).',
  optionsSchema: { type: 'boolean' },
  acceptsUnknown: true,
  test: (actual, wanted, { words }) => {
    if ((actual !== null) === wanted) return { ok: true };
    return { ok: false, reason: wanted ? words.missing : words.isPresent };
  },
  describe: describers.exists,
});

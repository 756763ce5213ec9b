/** `isEmpty: true | false`: the value is (or is not) an empty list, string or object. */
import { describers } from './describe/describers.js';
import { defineOperator } from './operator.js';
import { jsonType } from './support/json-type.js';

export const isEmpty = defineOperator<boolean>({
  name: 'isEmpty',
  description: 'The list, string or object is empty (true) or not empty (false).',
  optionsSchema: { type: 'boolean' },
  decidesIncompleteLists: true,
  test: (actual, wantEmpty, { words, incomplete }) => {
    let size: number;
    if (typeof actual === 'string' || Array.isArray(actual)) size = actual.length;
    else if (typeof actual === 'object' && actual !== null) size = Object.keys(actual).length;
    else return { ok: false, reason: words.wrongType('collection', jsonType(actual)) };
    // An incomplete list with no known item may still hold some.
    if (incomplete && size === 0) return { ok: false, undetermined: true, reason: words.listIncomplete };
    if ((size === 0) === wantEmpty) return { ok: true };
    if (!wantEmpty) return { ok: false, reason: words.isEmpty };
    return { ok: false, reason: words.hasSize(size, typeof actual === 'string' ? 'characters' : 'entries') };
  },
  describe: describers.isEmpty,
});

/** `isEmpty: true | false`: the value is (or is not) an empty list, string or object. */
import { defineOperator } from './operator.js';
import { jsonType } from './support/json-type.js';

export const isEmpty = defineOperator<boolean>({
  name: 'isEmpty',
  description: 'The list, string or object is empty (true) or not empty (false).',
  optionsSchema: { type: 'boolean' },
  test: (actual, wantEmpty) => {
    let size: number;
    if (typeof actual === 'string' || Array.isArray(actual)) size = actual.length;
    else if (typeof actual === 'object' && actual !== null) size = Object.keys(actual).length;
    else return { ok: false, reason: `expected an array, a string or an object, got ${jsonType(actual)}` };
    if ((size === 0) === wantEmpty) return { ok: true };
    if (!wantEmpty) return { ok: false, reason: 'is empty' };
    return { ok: false, reason: `has ${size} ${typeof actual === 'string' ? 'characters' : 'entries'}` };
  },
  describe: (wantEmpty) => (wantEmpty ? 'empty' : 'not empty'),
});

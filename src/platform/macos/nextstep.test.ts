import { describe, expect, it } from 'vitest';
import { parseNextStep } from './nextstep.js';

describe('parseNextStep', () => {
  it('reads dictionaries, lists, quoted and bare words, escapes and data', () => {
    expect(parseNextStep('{ a = 1; "b c" = "x\\"y\\n"; l = ( p, "q r", { k = v; } ); d = <0fa1 22>; e = (); }')).toEqual({
      a: '1',
      'b c': 'x"y\n',
      l: ['p', 'q r', { k: 'v' }],
      d: null,
      e: [],
    });
    expect(parseNextStep('"caf\\U00e9"')).toBe('café');
  });

  it('refuses truncated or trailing text', () => {
    for (const text of ['{ a = 1;', '{ a = 1 }', '( a b )', '"open', '{ a = 1; } extra', '']) expect(() => parseNextStep(text)).toThrow();
  });
});

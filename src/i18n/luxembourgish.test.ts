import { describe, expect, it } from 'vitest';
import { nRule, spokenInitial, withN } from './luxembourgish.js';

describe('the n-rule (Eifeler Regel)', () => {
  it('keeps the n before a vowel and before n, d, t, z, h', () => {
    for (const next of ['Apparat', 'Ëmfeld', 'Uhr', 'Netz', 'Dag', 'Tool', 'Zil', 'Helpdesk', 'ënner']) expect(nRule('den', next)).toBe('den');
  });

  it('drops it before the other consonants, and drops nn to n', () => {
    expect(withN('den', 'Server')).toBe('de Server');
    expect(withN('vun', 'macOS')).toBe('vu macOS');
    expect(withN('keen', 'Programm')).toBe('kee Programm');
    expect(withN('wann', 'LuxChat4Gov')).toBe('wa LuxChat4Gov');
  });

  it('hears what follows a quotation mark, and numbers as they are spoken', () => {
    expect(withN('vun', '"signal"')).toBe('vu "signal"');
    expect(withN('vun', '"telegram"')).toBe('vun "telegram"');
    expect(withN('vun', '7 Elementer')).toBe('vu 7 Elementer'); // siwen
    expect(withN('vun', '8 Elementer')).toBe('vun 8 Elementer'); // aacht
    expect(withN('den', '21. Mee')).toBe('den 21. Mee'); // eenanzwanzegsten
    expect(withN('den', '25. Mee')).toBe('de 25. Mee'); // fënnefanzwanzegsten
    expect(withN('vun', '1.234')).toBe('vun 1.234'); // dausend...
  });

  it('knows the first sound of numbers it has no list for', () => {
    expect([0, 3, 4, 11, 18, 20, 30, 40, 59, 100, 200, 999, 1000, 2500, 7000, 2_000_000].map(spokenInitial)).toEqual([
      'n',
      'd',
      'v',
      'e',
      'u',
      'z',
      'd',
      'v',
      'n',
      'h',
      'z',
      'n',
      'd',
      'z',
      's',
      'e',
    ]);
  });

  it('leaves words that do not end in n, and the end of a phrase, alone', () => {
    expect(nRule('mat', 'Passwuert')).toBe('mat');
    expect(nRule('den', '')).toBe('den');
    expect(nRule('den', '(')).toBe('den');
  });
});

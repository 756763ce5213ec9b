import { describe, expect, it } from 'vitest';
import { languageFromEnv } from './language.js';

describe('languageFromEnv', () => {
  it('reads each of the four languages from the locale, Luxembourgish included', () => {
    expect(languageFromEnv({ LANG: 'lb_LU.UTF-8' })).toBe('lb');
    expect(languageFromEnv({ LANG: 'fr_LU.UTF-8' })).toBe('fr');
    expect(languageFromEnv({ LC_MESSAGES: 'de_LU.UTF-8', LANG: 'fr_LU.UTF-8' })).toBe('de');
    expect(languageFromEnv({ LC_ALL: 'en_GB.UTF-8', LANG: 'lb_LU.UTF-8' })).toBe('en');
  });

  it('answers English for a language charter does not speak, and skips C and POSIX', () => {
    expect(languageFromEnv({ LANG: 'pt_PT.UTF-8' })).toBe('en');
    expect(languageFromEnv({ LC_ALL: 'C', LANG: 'lb_LU.UTF-8' })).toBe('lb');
    expect(languageFromEnv({})).toBe('en');
  });
});

import type { Language } from '../model.js';
import { languages } from '../model.js';
import type { Io } from './io.js';

/** The language from the locale (LC_ALL, LC_MESSAGES, LANG), English when none is supported. */
export const languageFromEnv = (env: Io['env']): Language => {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (!value || value === 'C' || value === 'POSIX') continue;
    const code = value.slice(0, 2).toLowerCase();
    return (languages as readonly string[]).includes(code) ? (code as Language) : 'en';
  }
  return 'en';
};

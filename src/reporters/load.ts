import type { Reporter } from './reporter.js';

/**
 * Each single-report format's reporter (index.ts), loaded when a run renders that format: a check
 * written as JSON loads neither the text nor the HTML reporter, nor their sentence tables.
 */
const loaders: Readonly<Record<string, () => Promise<Reporter>>> = {
  html: async () => (await import('./html.js')).html,
  json: async () => (await import('./json.js')).json,
  junit: async () => (await import('./junit.js')).junit,
  sarif: async () => (await import('./sarif.js')).sarif,
  text: async () => (await import('./text.js')).text,
};

/** The reporter of `format`, or undefined when no reporter has that name. */
export const loadReporter = async (format: string): Promise<Reporter | undefined> => (Object.hasOwn(loaders, format) ? await loaders[format]?.() : undefined);

/** The names `loadReporter` knows. */
export const loadableFormats = (): string[] => Object.keys(loaders);

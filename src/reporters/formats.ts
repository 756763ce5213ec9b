import { extname } from 'node:path';
import type { FormatChoice } from './reporter.js';

/**
 * The format among `choices` that a file name's extension names (case-insensitive), or undefined.
 * The extensions are the reporters' own, so a new reporter is picked by its extension everywhere.
 */
export const formatForFile = (choices: Iterable<FormatChoice>, file: string): string | undefined => {
  const extension = extname(file).toLowerCase();
  if (extension === '') return undefined;
  for (const choice of choices) {
    if (choice.extension.toLowerCase() === extension) return choice.name;
    if (choice.otherExtensions?.some((other) => other.toLowerCase() === extension) === true) return choice.name;
  }
  return undefined;
};

/** The names of `choices`, for `--format` and its help. */
export const formatNames = (choices: Iterable<FormatChoice>): string[] => [...choices].map((choice) => choice.name);

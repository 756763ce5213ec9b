import { Chalk } from 'chalk';
import type { ColorStyles } from './reporter.js';

/** 0: no colour; 1, 2, 3: 16, 256 and 16 million colours (chalk's levels). */
export type ColorLevel = 0 | 1 | 2 | 3;

const identity = (text: string): string => text;

export const stylesFor = (level: ColorLevel): ColorStyles => {
  if (level === 0) {
    return { bold: identity, dim: identity, red: identity, green: identity, yellow: identity, cyan: identity, magenta: identity, gray: identity };
  }
  const c = new Chalk({ level });
  return {
    bold: (t) => c.bold(t),
    dim: (t) => c.dim(t),
    red: (t) => c.red(t),
    green: (t) => c.green(t),
    yellow: (t) => c.yellow(t),
    cyan: (t) => c.cyan(t),
    magenta: (t) => c.magenta(t),
    gray: (t) => c.gray(t),
  };
};

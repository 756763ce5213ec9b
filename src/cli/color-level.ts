import type { ColorLevel } from '../reporters/colors.js';
import type { Io, OutStream } from './io.js';

/**
 * Colour only on a terminal, unless told otherwise. In order, the first that speaks decides:
 * 1. `--color` / `--no-color`: a per-run command-line choice overrides the environment (no-color.org:
 *    "per-instance command-line arguments should override NO_COLOR"; GNU's `--color=always` likewise);
 * 2. `FORCE_COLOR`: `1`, `true` or empty force 16 colours, `2` 256, `3` 16 million, and any other value
 *    (`0`, `false`, ...) switches colour off; a supported value wins over NO_COLOR (Node.js `cli.md`,
 *    "FORCE_COLOR=[1, 2, 3]");
 * 3. `NO_COLOR` set and not empty: off;
 * 4. otherwise colour when the stream is a terminal and `TERM` is not `dumb`.
 * chalk 5 alone ignores NO_COLOR, so the decision is made here.
 */
export const colorLevel = (stream: OutStream, env: Io['env'], flag: boolean | undefined): ColorLevel => {
  if (flag === false) return 0;
  if (flag === true) return Math.max(1, depthLevel(stream, env)) as ColorLevel;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '2' || force === '3') return Number(force) as ColorLevel;
    if (force === '' || force === '1' || force === 'true') return Math.max(1, depthLevel(stream, env)) as ColorLevel;
    return 0;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (!stream.isTTY || env.TERM === 'dumb') return 0;
  return depthLevel(stream, env);
};

const depthLevel = (stream: OutStream, env: Io['env']): ColorLevel => {
  const depth = stream.getColorDepth?.(env) ?? 1;
  return depth >= 24 ? 3 : depth >= 8 ? 2 : depth >= 4 ? 1 : 0;
};

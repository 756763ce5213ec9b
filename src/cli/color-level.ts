import type { ColorLevel } from '../reporters/colors.js';
import type { Io, OutStream } from './io.js';

/**
 * Colour only on a terminal. --no-color and NO_COLOR (non-empty) switch it off; FORCE_COLOR turns it
 * on (or off with FORCE_COLOR=0). chalk 5 alone ignores NO_COLOR, so the decision is made here.
 */
export const colorLevel = (stream: OutStream, env: Io['env'], flag: boolean | undefined): ColorLevel => {
  if (flag === false) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2' || force === '3') return Number(force) as ColorLevel;
    return force === '' || force === '1' || force === 'true' ? Math.max(1, depthLevel(stream, env)) as ColorLevel : 1;
  }
  if (flag === true) return Math.max(1, depthLevel(stream, env)) as ColorLevel;
  if (!stream.isTTY || env.TERM === 'dumb') return 0;
  return depthLevel(stream, env);
};

const depthLevel = (stream: OutStream, env: Io['env']): ColorLevel => {
  const depth = stream.getColorDepth?.(env) ?? 1;
  return depth >= 24 ? 3 : depth >= 8 ? 2 : depth >= 4 ? 1 : 0;
};


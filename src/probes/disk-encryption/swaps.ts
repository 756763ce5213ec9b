/** /proc/swaps: a header line, then `Filename Type Size Used Priority` per active swap area. */
import { unescapeOctal } from './mountinfo.js';

export type SwapsEntry = { filename: string; type: string; sizeKiB: number; usedKiB: number; priority: number };

export const parseSwaps = (text: string): SwapsEntry[] => {
  const entries: SwapsEntry[] = [];
  for (const line of text.split('\n')) {
    const match = /^(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(-?\d+)\s*$/.exec(line);
    if (!match?.[1] || !match[2]) continue;
    entries.push({
      filename: unescapeOctal(match[1]),
      type: match[2],
      sizeKiB: Number(match[3]),
      usedKiB: Number(match[4]),
      priority: Number(match[5]),
    });
  }
  return entries;
};

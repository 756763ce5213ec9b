/**
 * `powercfg /query` (or `/qh`, which also lists hidden settings) → the current AC and DC value of
 * every power setting it prints, by setting GUID. Pure.
 *
 * The labels are in the display language ("Current AC Power Setting Index", "Index der aktuellen
 * Wechselstromeinstellung", ...), so none is read. What every language keeps: each scheme, subgroup
 * and setting starts with a line holding its GUID and, in parentheses, its name; a setting then
 * lists its values as hexadecimal numbers (`0x...`) after a colon: a range setting five of them
 * (minimum, maximum, increment, then the current AC and DC indexes), a list setting two (the
 * current AC and DC indexes; its possible indexes are written `000`, `001`, without `0x`). A setting
 * with any other count of hexadecimal values is incomplete and read as unknown, never guessed.
 * Real outputs: testdata/README.md.
 */
import { textLines } from '../../platform/windows/decode.js';

export type PowerIndexes = { ac: number | null; dc: number | null };

export type PowercfgQuery = {
  /** Scheme GUIDs with their names, in the order printed (one per query concatenated). */
  schemes: { guid: string; name: string }[];
  /** By setting GUID (lower case): the current AC and DC indexes; both null when incomplete. */
  settings: Map<string, PowerIndexes>;
};

const guidHeader = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*\(([^)]*)\)/i;
const hexValue = /:\s*0x([0-9a-f]{1,8})\s*$/i;

export const parsePowercfg = (text: string | Buffer): PowercfgQuery => {
  const schemes: { guid: string; name: string }[] = [];
  const settings = new Map<string, PowerIndexes>();
  let current: { guid: string; values: number[] } | null = null;
  const flush = (): void => {
    if (current === null || current.values.length === 0) return;
    const { values } = current;
    const complete = values.length === 2 || values.length === 5;
    settings.set(current.guid, complete ? { ac: values[values.length - 2] ?? null, dc: values[values.length - 1] ?? null } : { ac: null, dc: null });
  };
  for (const line of textLines(text)) {
    const header = guidHeader.exec(line);
    if (header?.[1] !== undefined) {
      flush();
      const guid = header[1].toLowerCase();
      current = { guid, values: [] };
      // A scheme line is the only one that is not indented.
      if (!/^\s/.test(line)) schemes.push({ guid, name: (header[2] ?? '').trim() });
      continue;
    }
    const value = hexValue.exec(line);
    if (value?.[1] !== undefined && current !== null) current.values.push(Number.parseInt(value[1], 16));
  }
  flush();
  return { schemes, settings };
};

/** Setting GUIDs (Microsoft Learn, "Power Setting GUIDs" and the power settings reference). */
export const powerSettings = {
  /** CONSOLELOCK, "Require a password on wakeup" (no subgroup): 1 = yes. */
  consoleLock: '0e796bdb-100d-47d6-a2d5-f7d2daa51f51',
  /** STANDBYIDLE, "Sleep after" (SUB_SLEEP): seconds idle before sleep, 0 = never. */
  standbyIdle: '29f6c1db-86da-48c5-9fdb-f2b67b1f44da',
  /** VIDEOIDLE, "Turn off display after" (SUB_VIDEO): seconds, 0 = never. */
  videoIdle: '3c0bc021-c8a8-4e07-a973-6b14cbcb2b7e',
  /** VIDEOCONLOCK, "Console lock display off timeout" (SUB_VIDEO): seconds before the display of a locked console turns off. */
  videoConsoleLock: '8ec4b3a5-6868-48c2-be75-4f3044be88a7',
} as const;

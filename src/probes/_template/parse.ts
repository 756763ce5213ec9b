/**
 * Parsers are pure functions from text to data, tested on real captures (parse.test.ts names where
 * each came from). /etc/timezone (Debian): one line, the IANA zone name.
 */
export const parseTimezone = (text: string): string | null => {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#'));
  return line !== undefined && /^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/.test(line) ? line : null;
};

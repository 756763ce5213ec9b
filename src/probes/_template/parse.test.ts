import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTimezone } from './parse.js';

/** A real capture: /etc/timezone of the debootstrap Debian 12 root recorded in fixtures/hosts/debian12-clean (its README). */
const recorded = readFileSync(new URL('../../../fixtures/hosts/debian12-clean/files/etc/timezone', import.meta.url), 'utf8');

describe('parseTimezone', () => {
  it('reads the zone of a recorded Debian root', () => {
    expect(parseTimezone(recorded)).toBe('Etc/UTC');
  });

  it('skips blank and comment lines, and names no zone for text that is not one', () => {
    expect(parseTimezone('\n# set by the installer\nEurope/Luxembourg\n')).toBe('Europe/Luxembourg');
    expect(parseTimezone('')).toBeNull();
    expect(parseTimezone('not a zone at all\n')).toBeNull();
  });
});

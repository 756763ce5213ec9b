import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSysadminctlScreenLock } from './sysadminctl.js';

/** Lines built from documentation: see testdata/sysadminctl/README.md. */
const sample = (name: string): string => readFileSync(new URL(`./testdata/sysadminctl/${name}`, import.meta.url), 'utf8');

describe('parseSysadminctlScreenLock', () => {
  it.each([
    ['immediate.stderr', 0],
    ['300-seconds.stderr', 300],
    ['off.stderr', 'off'],
    ['unknown-state.stderr', null],
  ] as const)('%s', (name, expected) => {
    expect(parseSysadminctlScreenLock(sample(name))).toBe(expected);
  });

  it('reads any delay, CRLF, the -1 seconds some builds print for off; anything else is unknown', () => {
    expect(parseSysadminctlScreenLock('x sysadminctl[1:2] screenLock delay is 1 second\r\n')).toBe(1);
    expect(parseSysadminctlScreenLock('x sysadminctl[1:2] screenLock delay is 14400 seconds\n')).toBe(14400);
    expect(parseSysadminctlScreenLock('x sysadminctl[1:2] screenLock delay is -1.000000 seconds\n')).toBe('off');
    for (const text of ['', 'usage: sysadminctl ...\n', '### Error: requires user context\n', 'screenLock delay is off\n']) {
      expect(parseSysadminctlScreenLock(text)).toBeNull();
    }
  });
});

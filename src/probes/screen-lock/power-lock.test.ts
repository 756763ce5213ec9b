import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { powerLock } from './power-lock.js';

const sample = (name: string): string => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
/** What the script gathers: the CONSOLELOCK query (Hyper-V capture) then the STANDBYIDLE one (DTrace capture). */
const real = `${sample('powercfg-query-hyperv.txt')}\n${sample('powercfg-qh-standbyidle.txt')}`;

describe('powerLock', () => {
  it('locks after the longer of the AC and DC sleep timeouts when a password is required on wake-up (real captures)', () => {
    const lock = powerLock({ text: real, error: null }, {});
    expect(lock).toMatchObject({ locks: true, idleSeconds: 1800, enforced: false });
    expect(lock.evidence.join('\n')).toContain('CONSOLELOCK): AC 1, DC 1');
    expect(lock.evidence.join('\n')).toContain('STANDBYIDLE): AC 1800 s, DC 900 s');
  });

  it('does not lock this way when the machine never sleeps on one power source, or does not ask for the password', () => {
    const neverOnMains = sample('powercfg-display-lock.txt'); // STANDBYIDLE DC 0
    expect(powerLock({ text: `${sample('powercfg-query-hyperv.txt')}\n${neverOnMains}` }, {})).toMatchObject({ locks: false, idleSeconds: null });
    expect(powerLock({ text: real }, { consoleLock: { ACSettingIndex: 0, DCSettingIndex: 1 } })).toMatchObject({ locks: false });
  });

  it('lets Group Policy values win and counts them as enforced', () => {
    const lock = powerLock(
      { text: real },
      { consoleLock: { ACSettingIndex: 1, DCSettingIndex: 1 }, standbyIdle: { ACSettingIndex: 600, DCSettingIndex: 300 } },
    );
    expect(lock).toMatchObject({ locks: true, idleSeconds: 600, enforced: true });
    expect(lock.evidence.join('\n')).toContain('(Group Policy)');
  });

  it('keeps turning the display off and the locked-console timeout as evidence only', () => {
    const lock = powerLock(
      { text: `${sample('powercfg-query-hyperv.txt')}\n${sample('powercfg-display-lock.txt')}` },
      { standbyIdle: { ACSettingIndex: 900, DCSettingIndex: 900 } },
    );
    expect(lock).toMatchObject({ locks: true, idleSeconds: 900 });
    expect(lock.evidence.join('\n')).toMatch(/VIDEOIDLE\): AC 600 s, DC 300 s \(turning the display off does not lock\)/);
    expect(lock.evidence.join('\n')).toContain('VIDEOCONLOCK');
  });

  it('is unknown, never a lock, when powercfg could not run or printed only part of what is needed', () => {
    expect(powerLock(undefined, undefined)).toMatchObject({ locks: null, reason: 'powercfg could not be read' });
    expect(powerLock({ text: null, error: 'The term powercfg.exe is not recognized' }, {})).toMatchObject({
      locks: null,
      reason: expect.stringContaining('not recognized') as unknown,
    });
    // Only CONSOLELOCK answered: the sleep timeout is unknown.
    expect(powerLock({ text: sample('powercfg-query-hyperv.txt') }, {})).toMatchObject({ locks: null, idleSeconds: null });
  });
});

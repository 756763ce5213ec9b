import { describe, expect, it } from 'vitest';
import { lastDpkgUpgrade, lastSuccessfulUpgrade, localTimeToIso, parseAptHistory, timeZoneName } from './history.js';
import { sampleText } from '../../testing/updates-samples.js';

describe('apt history.log', () => {
  it('finds the last install/upgrade of the pending root and skips its later downgrade', () => {
    const transactions = parseAptHistory(sampleText('debian12-pending-root/history.log'));
    expect(transactions.at(-1)?.actions).toEqual(['Downgrade']);
    const last = lastSuccessfulUpgrade(transactions);
    expect(last?.end).toBe('2026-11-22  07:33:23');
    expect(last?.commandline).toBe('apt-get install -y --no-install-recommends unattended-upgrades openssl');
  });

  it('reads the VM history (many blocks)', () => {
    const transactions = parseAptHistory(sampleText('debian12-vm/history.log'));
    expect(transactions.length).toBeGreaterThan(10);
    expect(transactions[0]?.start).toBe('2025-06-24  14:36:25');
    expect(lastSuccessfulUpgrade(transactions)?.end).toBe('2026-11-22  07:16:27');
  });

  it('ignores a transaction that ended with an error', () => {
    const text =
      'Start-Date: 2026-01-01  10:00:00\nUpgrade: a:amd64 (1, 2)\nEnd-Date: 2026-01-01  10:01:00\n\nStart-Date: 2026-01-02  10:00:00\nUpgrade: b:amd64 (1, 2)\nError: Sub-process /usr/bin/dpkg returned an error code (1)\nEnd-Date: 2026-01-02  10:01:00\n';
    expect(lastSuccessfulUpgrade(parseAptHistory(text))?.end).toBe('2026-01-01  10:01:00');
  });
});

describe('dpkg.log', () => {
  it('takes the last completed upgrade, not a first install or a downgrade', () => {
    expect(lastDpkgUpgrade(sampleText('debian12-pending-root/dpkg.log'))).toBe('2026-11-22 07:33:20');
    expect(lastDpkgUpgrade(sampleText('debian12-vm/dpkg.log.tail400'))).toBe('2026-11-22 07:16:24');
  });
});

describe('time zones', () => {
  it('converts local log times with the configured zone, across DST', () => {
    expect(localTimeToIso('2026-11-22  07:33:23', 'Etc/UTC')).toBe('2026-11-22T07:33:23.000Z');
    expect(localTimeToIso('2026-07-01 12:00:00', 'Europe/Luxembourg')).toBe('2026-07-01T10:00:00.000Z');
    expect(localTimeToIso('2026-01-01 12:00:00', 'Europe/Luxembourg')).toBe('2026-01-01T11:00:00.000Z');
    expect(localTimeToIso('2026-01-01 12:00:00', 'Not/AZone')).toBeNull();
    expect(timeZoneName('/usr/share/zoneinfo/Europe/Luxembourg', 'Etc/UTC\n')).toBe('Europe/Luxembourg');
    expect(timeZoneName(undefined, 'Etc/UTC\n')).toBe('Etc/UTC');
  });
});

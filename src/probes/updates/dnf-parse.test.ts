import { describe, expect, it } from 'vitest';
import { dnfBoolean, parseDnfCheckUpdate, parseDnfHistoryList, parseDnfSecurityUpdateinfo, parseIni } from './dnf-parse.js';
import { sampleText } from '../../testing/updates-samples.js';

describe('dnf automatic.conf', () => {
  it('reads the file dnf ships (apply_updates = no)', () => {
    const commands = parseIni(sampleText('dnf/automatic.conf')).get('commands');
    expect(commands?.get('upgrade_type')).toBe('default');
    expect(dnfBoolean(commands?.get('apply_updates'))).toBe(false);
    expect(dnfBoolean(commands?.get('download_updates'))).toBe(true);
  });
});

// Command outputs below are CONSTRUCTED in the formats shown in fixtures/samples/updates/README.md
// (no dnf system was available to record them).
describe('dnf command outputs', () => {
  it('parses check-update rows, wrapped rows, and stops at Obsoleting Packages', () => {
    const stdout = [
      '',
      'glibc.x86_64                     2.28-26.fc29                dnf-ci-fedora-updates',
      'a-very-long-package-name-that-wraps.noarch',
      '                                 1.0-2.fc29                  updates',
      'Obsoleting Packages',
      'grub2-tools.x86_64               1:2.06-114.el9_7.alma.1     baseos',
      '    grub2-tools.x86_64           1:2.06-104.el9_6.alma.1     @baseos',
    ].join('\n');
    expect(parseDnfCheckUpdate(stdout)).toEqual([
      { package: 'glibc', architecture: 'x86_64', candidate: '2.28-26.fc29', repository: 'dnf-ci-fedora-updates' },
      { package: 'a-very-long-package-name-that-wraps', architecture: 'noarch', candidate: '1.0-2.fc29', repository: 'updates' },
    ]);
  });

  it('parses updateinfo --security rows into package names', () => {
    const stdout = [
      'RHSA-2015:2315 Moderate/Sec.  NetworkManager-1:1.0.6-27.el7.x86_64',
      'RHSA-2016:0176 Critical/Sec.  glibc-2.17-106.el7_2.4.x86_64',
      'RHSA-2016:0176 Critical/Sec.  glibc-common-2.17-106.el7_2.4.x86_64',
    ].join('\n');
    expect([...parseDnfSecurityUpdateinfo(stdout)]).toEqual(['NetworkManager', 'glibc', 'glibc-common']);
  });

  it('finds the newest install/upgrade in history list', () => {
    const stdout = [
      'ID     | Command line             | Date and time    | Action(s)      | Altered',
      '--------------------------------------------------------------------------------',
      '     7 | remove nano              | 2024-03-02 10:00 | Removed        |        1',
      '     6 | upgrade -y               | 2024-03-01 09:12 | Upgrade        |       42',
    ].join('\n');
    expect(parseDnfHistoryList(stdout)).toEqual({ id: 6, date: '2024-03-01 09:12', command: 'upgrade -y' });
  });
});

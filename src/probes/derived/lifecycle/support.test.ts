import { describe, expect, it } from 'vitest';
import type { Json } from '../../../model.js';
import { supportStatus, windowsEditionGroup } from './support.js';
import { lifecycleTable } from './table.js';

const at = (day: string): Date => new Date(`${day}T12:00:00Z`);
const today = at('2026-12-07');
type Os = Record<string, Json>;

const linux = (distribution: string, version: string | null, extra: Os = {}): Os => ({
  family: 'linux',
  distribution,
  version,
  distributionLike: [],
  ...extra,
});
const windows = (build: string, edition: string | null): Os => ({
  family: 'windows',
  distribution: 'windows',
  build,
  edition,
  productType: 'workstation',
  versionMajor: Number(build) >= 22000 ? 11 : 10,
});
const macos = (major: number): Os => ({ family: 'macos', distribution: 'macos', version: `${major}.1`, versionMajor: major });
const supported = (os: Os, now: Date): boolean | null => supportStatus(os, now).supported;

describe('supportStatus: Debian', () => {
  it('passes Debian 12 today, in LTS, and fails it after the end of LTS', () => {
    const status = supportStatus(linux('debian', '12'), today);
    expect(status).toMatchObject({ supported: true, release: 'Debian 12 (bookworm)', endOfSupport: '2028-06-30', kind: 'lts' });
    expect(status.source).toMatch(/^https:\/\//);
    expect(status.reason).toContain('regular security support ended on 2026-07-11');
    expect(supported(linux('debian', '12'), at('2028-06-30'))).toBe(true);
    expect(supportStatus(linux('debian', '12'), at('2028-07-01'))).toMatchObject({ supported: false, kind: 'lts', endOfSupport: '2028-06-30' });
  });

  it('is in regular security support on Debian 13, and says when the end is near', () => {
    expect(supportStatus(linux('debian', '13'), today)).toMatchObject({ supported: true, kind: 'standard', endOfSupport: '2030-06-30' });
    expect(supportStatus(linux('debian', '12'), at('2028-05-01')).reason).toContain('ends in 60 days');
  });

  it('fails a release older than the oldest row, and cannot judge one without VERSION_ID (testing, sid)', () => {
    expect(supportStatus(linux('debian', '8'), today)).toMatchObject({ supported: false, kind: null });
    expect(supportStatus(linux('debian', null), today)).toMatchObject({ supported: null, reason: expect.stringContaining('no VERSION_ID') as string });
  });
});

describe('supportStatus: RHEL family and CentOS', () => {
  it('fails CentOS Linux 8 and Stream 8, passes Stream 9 until its estimated end', () => {
    expect(supportStatus(linux('centos', '8', { distributionName: 'CentOS Linux 8' }), today)).toMatchObject({
      supported: false,
      release: 'CentOS Linux 8',
      endOfSupport: '2021-12-31',
    });
    expect(supportStatus(linux('centos', '8', { distributionName: 'CentOS Stream 8' }), today)).toMatchObject({ supported: false, release: 'CentOS Stream 8' });
    const stream9 = supportStatus(linux('centos', '9', { distributionName: 'CentOS Stream 9' }), today);
    expect(stream9).toMatchObject({ supported: true, endOfSupport: '2027-05-31' });
    expect(stream9.reason).toContain('date not verified');
    expect(supported(linux('centos', '9'), at('2027-06-01'))).toBe(false);
  });

  it('cannot tell CentOS 8 apart without its name, and reads the major of a rebuild', () => {
    expect(supported(linux('centos', '8'), today)).toBeNull();
    expect(supportStatus(linux('rocky', '9.6'), today)).toMatchObject({ supported: true, release: 'Rocky Linux 9', endOfSupport: '2032-05-31' });
    expect(supported(linux('rhel', '7.9'), today)).toBe(false);
  });
});

describe('supportStatus: Ubuntu', () => {
  const pro = (...services: string[]): Os => ({ ubuntuPro: { attached: true, enabledServices: services } });

  it('counts ESM only when the host shows Ubuntu Pro with esm-infra enabled', () => {
    expect(supportStatus(linux('ubuntu', '20.04'), today)).toMatchObject({ supported: false, kind: 'standard', endOfSupport: '2025-05-29' });
    expect(supportStatus(linux('ubuntu', '20.04'), today).reason).toContain('needs Ubuntu Pro with esm-infra enabled');
    expect(supportStatus(linux('ubuntu', '20.04', pro('esm-apps', 'esm-infra')), today)).toMatchObject({
      supported: true,
      kind: 'esm',
      endOfSupport: '2030-05',
    });
    expect(supported(linux('ubuntu', '20.04', { ubuntuPro: { attached: false, enabledServices: ['esm-infra'] } }), today)).toBe(false);
    expect(supportStatus(linux('ubuntu', '16.04', pro('esm-infra', 'esm-infra-legacy')), today)).toMatchObject({ supported: true, kind: 'legacy' });
  });

  it('reads a month-only end as covering the whole month', () => {
    expect(supported(linux('ubuntu', '22.04'), at('2027-05-31'))).toBe(true);
    expect(supportStatus(linux('ubuntu', '22.04'), at('2027-06-01'))).toMatchObject({ supported: false, endOfSupport: '2027-05' });
    expect(supported(linux('ubuntu', '25.10'), today)).toBe(false);
    expect(supported(linux('ubuntu', '26.10'), today)).toBeNull();
  });
});

describe('supportStatus: other Linux', () => {
  it('judges Fedora, Leap, SLES and Alpine by their rows', () => {
    expect(supported(linux('fedora', '43'), today)).toBe(true);
    expect(supported(linux('fedora', '43'), at('2026-12-10'))).toBe(false);
    expect(supported(linux('fedora', '46'), today)).toBeNull();
    expect(supported(linux('opensuse-leap', '15.6'), today)).toBe(false);
    expect(supported(linux('sles', '15.7'), today)).toBe(true);
    expect(supportStatus(linux('alpine', '3.22.2'), today)).toMatchObject({ supported: true, release: 'Alpine Linux 3.22' });
    expect(supported(linux('alpine', '3.21.4'), today)).toBe(false);
  });

  it('treats rolling releases as supported, with the reason', () => {
    for (const os of [
      linux('arch', null),
      linux('manjaro', null, { distributionLike: ['arch'] }),
      linux('opensuse-tumbleweed', '20261201'),
      linux('alpine', '3.23_alpha20250612'),
    ]) {
      expect(supportStatus(os, today)).toMatchObject({
        supported: true,
        kind: 'rolling',
        endOfSupport: null,
        reason: expect.stringContaining('rolling release') as string,
      });
    }
  });

  it('gives null for an unknown distribution or OS, with the reason', () => {
    expect(supportStatus(linux('gentoo', '2.17'), today)).toMatchObject({ supported: null, release: 'gentoo (gentoo 2.17)', kind: null });
    expect(supportStatus(linux('linuxmint', '22.1'), today).reason).toContain("not in charter's lifecycle table");
    expect(supportStatus({ family: 'linux', distribution: null }, today)).toMatchObject({ supported: null, release: null });
  });
});

describe('supportStatus: macOS', () => {
  it('fails majors Apple dropped, passes the current ones, and cannot judge 14 or a newer major', () => {
    expect(supportStatus(macos(12), today)).toMatchObject({ supported: false, endOfSupport: '2024-09-16' });
    expect(supported(macos(13), at('2025-09-15'))).toBe(true);
    expect(supported(macos(13), at('2025-09-16'))).toBe(false);
    expect(supportStatus(macos(14), today)).toMatchObject({ supported: null, reason: expect.stringContaining('when macOS 27 ships') as string });
    expect(supportStatus(macos(15), today)).toMatchObject({ supported: true, endOfSupport: null, kind: 'standard' });
    expect(supported(macos(26), today)).toBe(true);
    expect(supported(macos(27), today)).toBeNull();
    expect(supported(macos(11), today)).toBe(false);
    expect(supported({ distribution: 'macos', version: '10.15.7', versionMajor: 10 }, today)).toBe(false);
  });
});

describe('supportStatus: Windows', () => {
  it('ends Windows 11 23H2 Home/Pro on 2025-11-11 and Enterprise/Education on 2026-11-10', () => {
    expect(supported(windows('22631', 'Professional'), at('2025-11-11'))).toBe(true);
    expect(supportStatus(windows('22631', 'Professional'), at('2025-11-12'))).toMatchObject({ supported: false, endOfSupport: '2025-11-11' });
    expect(supported(windows('22631', 'Core'), at('2025-11-12'))).toBe(false);
    expect(supported(windows('22631', 'Enterprise'), at('2025-11-12'))).toBe(true);
    expect(supported(windows('22631', 'Education'), at('2026-11-10'))).toBe(true);
    expect(supportStatus(windows('22631', 'Enterprise'), at('2026-11-11'))).toMatchObject({ supported: false, endOfSupport: '2026-11-10' });
  });

  it('judges 24H2, 25H2, LTSC and Windows 10 by edition', () => {
    expect(supported(windows('26100', 'Professional'), today)).toBe(false);
    expect(supported(windows('26100', 'Enterprise'), today)).toBe(true);
    expect(supported(windows('26200', 'Core'), today)).toBe(true);
    expect(supported(windows('26100', 'EnterpriseS'), today)).toBe(true);
    expect(supported(windows('19045', 'Professional'), today)).toBe(false);
    expect(supported(windows('19044', 'EnterpriseS'), today)).toBe(true);
    expect(supported(windows('19044', 'EnterpriseS'), at('2027-01-13'))).toBe(false);
    expect(supported(windows('19044', 'IoTEnterpriseS'), at('2027-01-13'))).toBe(true);
    expect(supported(windows('18363', 'Professional'), today)).toBe(false);
  });

  it('gives null without a build or edition, for servers and for builds newer than the table', () => {
    expect(supported(windows('26200', null), today)).toBeNull();
    expect(supported({ ...windows('26100', 'ServerStandard'), productType: 'server' }, today)).toBeNull();
    expect(supported(windows('26300', 'Professional'), today)).toBeNull();
  });

  it('maps edition ids to servicing columns', () => {
    expect(
      ['CoreSingleLanguage', 'ProfessionalWorkstation', 'EnterpriseN', 'IoTEnterprise', 'EnterpriseSN', 'IoTEnterpriseS', 'Cloud'].map(windowsEditionGroup),
    ).toEqual(['home-pro', 'home-pro', 'enterprise-education', 'enterprise-education', 'ltsc', 'iot-ltsc', null]);
  });
});

describe('supportStatus: the table is an argument', () => {
  it('judges with the table it is given', () => {
    const moved = lifecycleTable.map((e) => (e.os === 'debian' && e.release === '12' ? { ...e, lts: '2026-12-06' } : e));
    expect(supported(linux('debian', '12'), today)).toBe(true);
    expect(supportStatus(linux('debian', '12'), today, moved).supported).toBe(false);
  });
});

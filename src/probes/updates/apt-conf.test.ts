import { describe, expect, it } from 'vitest';
import { AptConfig, aptConfParts, parseAptConf, periodicEnabled } from './apt-conf.js';
import { sampleText } from '../../testing/updates-samples.js';

const configOf = (...texts: string[]): AptConfig => {
  const config = new AptConfig();
  for (const text of texts) config.apply(parseAptConf(text));
  return config;
};

describe('parseAptConf', () => {
  it('reads 20auto-upgrades as unattended-upgrades writes it', () => {
    const config = configOf(sampleText('debian12-pending-root/apt.conf.d/20auto-upgrades'));
    expect(config.get('APT::Periodic::Update-Package-Lists')).toBe('1');
    expect(config.get('apt::periodic::unattended-upgrade')).toBe('1');
  });

  it('reads the origins list of the shipped 50unattended-upgrades (nested block, // comments)', () => {
    const config = configOf(sampleText('debian12-pending-root/apt.conf.d/50unattended-upgrades'));
    expect(config.list('Unattended-Upgrade::Origins-Pattern')).toEqual([
      'origin=Debian,codename=${distro_codename},label=Debian',
      'origin=Debian,codename=${distro_codename},label=Debian-Security',
      'origin=Debian,codename=${distro_codename}-security,label=Debian-Security',
    ]);
    expect(config.get('Unattended-Upgrade::Automatic-Reboot')).toBeUndefined();
  });

  it('reads blocks whose values contain // and ; inside quotes (20packagekit) and # comments (docker-clean)', () => {
    const config = configOf(sampleText('debian12-vm/apt.conf.d/20packagekit'), sampleText('debian12-vm/apt.conf.d/docker-clean'));
    expect(config.list('DPkg::Post-Invoke')[0]).toMatch(/^\/usr\/bin\/test -e .*\/bin\/echo > \/dev\/null$/);
    expect(config.get('Dir::Cache::pkgcache')).toBe('');
  });

  it('handles nested blocks, /* */ comments, later overrides and #clear', () => {
    const config = configOf(
      'APT {\n  Periodic {\n    Update-Package-Lists "1"; /* daily */\n    Unattended-Upgrade "1";\n  };\n};\n',
      '/* a comment\n spanning lines */ APT::Periodic::Unattended-Upgrade "0"; # off\n',
    );
    expect(config.get('APT::Periodic::Update-Package-Lists')).toBe('1');
    expect(config.get('APT::Periodic::Unattended-Upgrade')).toBe('0');
    config.apply(parseAptConf('#clear APT::Periodic;\n'));
    expect(config.get('APT::Periodic::Update-Package-Lists')).toBeUndefined();
    expect(parseAptConf('#include "/etc/apt/other.conf";')).toEqual([{ kind: 'include', path: '/etc/apt/other.conf' }]);
  });

  it('orders parts like apt and skips names apt ignores', () => {
    expect(aptConfParts(['99z', '20auto-upgrades', '50x.conf', '50x.conf.dpkg-old', '.hidden', 'bad name', 'x.disabled', '10a~'])).toEqual([
      '20auto-upgrades',
      '50x.conf',
      '99z',
    ]);
  });

  it('reads APT::Periodic intervals like apt.systemd.daily', () => {
    expect([
      periodicEnabled('1'),
      periodicEnabled('0'),
      periodicEnabled(undefined),
      periodicEnabled('always'),
      periodicEnabled('12h'),
      periodicEnabled('x'),
    ]).toEqual([true, false, false, true, true, null]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  countAuditRules,
  countLoadedAuditRules,
  dropInOrder,
  iniValues,
  journalStorage,
  parseAuditctlStatus,
  parseChrony,
  parseNtpConf,
  parseOpenNtpd,
  parseRsyslog,
  parseSyslogNg,
  parseTimesyncd,
} from './parse.js';
import { sample } from '../../testing/root-snapshot.js';

const text = (path: string): string => sample('logging', path).toString('utf8');

describe('journald', () => {
  it('reads Storage=auto (commented default) from the journald.conf of this VM', () => {
    expect(journalStorage([text('debian12-vm/etc-systemd-journald.conf')])).toBe('auto');
  });

  it('applies drop-ins after the main file', () => {
    expect(journalStorage([text('debian12-vm/etc-systemd-journald.conf'), text('edits/journald.conf.d-volatile.conf')])).toBe('volatile');
    expect(journalStorage(['[Journal]\nStorage=persistent\n', '[Journal]\nStorage=\n'])).toBe('auto');
    expect(journalStorage(['[Other]\nStorage=none\n'])).toBe('auto');
  });

  it('orders drop-ins the systemd way', () => {
    expect(
      dropInOrder([
        { dir: '/etc/systemd/journald.conf.d', names: ['50-local.conf', 'README'] },
        { dir: '/run/systemd/journald.conf.d', names: ['10-a.conf', '50-local.conf'] },
        { dir: '/usr/lib/systemd/journald.conf.d', names: ['60-vendor.conf'] },
      ]),
    ).toEqual(['/run/systemd/journald.conf.d/10-a.conf', '/etc/systemd/journald.conf.d/50-local.conf', '/usr/lib/systemd/journald.conf.d/60-vendor.conf']);
  });
});

describe('parseRsyslog', () => {
  it("reads Debian's rsyslog.conf: files, no forwarding", () => {
    expect(parseRsyslog(text('debian-packages/rsyslog.conf'))).toEqual({ forwardTargets: [], writesFiles: true });
  });

  it('finds legacy @@ and multi-line omfwd actions', () => {
    expect(parseRsyslog(text('edits/rsyslog.d-90-forward.conf'))).toEqual({
      forwardTargets: ['udp://siem.example.lu:514', 'tcp://logs.example.lu:6514'],
      writesFiles: false,
    });
  });

  it('reads @host, RELP and ignores comments', () => {
    expect(parseRsyslog('#*.* @@old.example.lu\n*.info @(z9)logs.example.lu\n*.* :omrelp:relp.example.lu:2514\n').forwardTargets).toEqual([
      'udp://logs.example.lu',
      'relp://relp.example.lu:2514',
    ]);
  });
});

describe('parseSyslogNg', () => {
  it("reads Debian's syslog-ng.conf: files, no forwarding", () => {
    expect(parseSyslogNg(text('debian-packages/syslog-ng.conf'))).toEqual({ forwardTargets: [], writesFiles: true });
  });

  it('finds a network() destination used by a log path', () => {
    expect(parseSyslogNg(text('edits/syslog-ng-forward.conf')).forwardTargets).toEqual(['tcp://logs.example.lu:601']);
  });

  it('ignores destinations no log path uses', () => {
    const unused = 'destination d_net { udp("10.0.0.1" port(514)); };\nlog { source(s_src); destination(d_file); };\n';
    expect(parseSyslogNg(unused).forwardTargets).toEqual([]);
  });
});

describe('journal-upload.conf', () => {
  it('has no URL as shipped by Debian, one after the edit', () => {
    expect(iniValues(text('debian-packages/journal-upload.conf'), 'Upload', 'URL')).toEqual([]);
    expect(iniValues(text('edits/journal-upload-url.conf'), 'Upload', 'URL')).toEqual(['https://logs.example.lu:19532']);
  });
});

describe('audit', () => {
  it('counts no rule in the files shipped by Debian auditd', () => {
    expect(countAuditRules(text('roots/logging-on/files/etc/audit/rules.d/audit.rules'))).toBe(0);
    expect(countAuditRules(text('roots/logging-on/files/etc/audit/audit.rules'))).toBe(0);
    expect(countAuditRules(text('debian-packages/10-base-config.rules'))).toBe(0);
  });

  it('counts the rules of the STIG example', () => {
    expect(countAuditRules(text('debian-packages/30-stig.rules'))).toBe(34);
  });

  it('reads auditctl -s and -l', () => {
    expect(parseAuditctlStatus(text('debian12-vm/auditctl-s-disabled'))).toEqual({ enabled: 0, pid: 0 });
    expect(parseAuditctlStatus(text('edits/auditctl-s-enabled'))).toEqual({ enabled: 1, pid: 812 });
    expect(countLoadedAuditRules(text('debian12-vm/auditctl-l-norules'))).toBe(0);
    expect(countLoadedAuditRules('-w /etc/passwd -p wa -k identity\n-a always,exit -F arch=b64 -S execve\n')).toBe(2);
  });
});

describe('time configuration', () => {
  it("reads Debian's chrony.conf", () => {
    expect(parseChrony(text('roots/logging-on/files/etc/chrony/chrony.conf'))).toEqual({
      sources: ['pool 2.debian.pool.ntp.org'],
      includeDirs: ['/etc/chrony/conf.d', '/run/chrony-dhcp', '/etc/chrony/sources.d'],
    });
  });

  it("reads Debian's ntpsec and openntpd configurations", () => {
    expect(parseNtpConf(text('debian-packages/ntpsec-ntp.conf'))).toEqual([0, 1, 2, 3].map((n) => `pool ${n}.debian.pool.ntp.org`));
    expect(parseOpenNtpd(text('debian-packages/openntpd-ntpd.conf'))).toEqual([0, 1, 2, 3].map((n) => `servers ${n}.debian.pool.ntp.org`));
  });

  it("reads this VM's timesyncd.conf (all commented) and NTP= overrides", () => {
    expect(parseTimesyncd([text('debian12-vm/etc-systemd-timesyncd.conf')])).toEqual({ ntp: [], fallback: null });
    expect(parseTimesyncd(['[Time]\nNTP=ntp1.example.lu ntp2.example.lu\nFallbackNTP=\n'])).toEqual({
      ntp: ['ntp1.example.lu', 'ntp2.example.lu'],
      fallback: [],
    });
  });
});

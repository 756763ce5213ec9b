import { readFileSync } from 'node:fs';
import { build } from 'plist';
import { describe, expect, it } from 'vitest';
import type { Host } from '../../hosts/host.js';
import { fakeHost } from '../../testing/fake-host.js';
import { collectMacos } from './macos.js';
import { lastJamfCheckIn, parseProfilesEnrollment, vendorOfServer } from './macos-parse.js';

const context = (host: Host) => ({ platform: 'macos' as const, now: new Date('2026-11-20T10:00:00Z'), catalog: { apps: [] }, capabilities: host.capabilities });

/** jamf.log lines as shown in MicrosoftDocs/windows-itpro-docs (mac-install-with-jamf.md, CC BY 4.0). */
const jamfLog = [
  'Thu Feb 21 11:11:41 mavel-mojave jamf[7960]: No patch policies were found.',
  'Thu Feb 21 11:16:41 mavel-mojave jamf[8051]: Checking for policies triggered by "recurring check-in" for user "testuser"...',
  'Thu Feb 21 11:16:43 mavel-mojave jamf[8051]: Executing Policy WDAV',
].join('\n');

describe('parseProfilesEnrollment', () => {
  it('reads the prefixed lines in any order, with CRLF', () => {
    expect(
      parseProfilesEnrollment('MDM enrollment: Yes (User Approved)\r\nEnrolled via DEP: Yes\r\nMDM server: https://x.jamfcloud.com/mdm\r\n'),
    ).toMatchObject({
      dep: true,
      mdm: true,
      userApproved: true,
      server: 'https://x.jamfcloud.com/mdm',
    });
    expect(parseProfilesEnrollment('Enrolled via DEP: No\nMDM enrollment: No\n')).toMatchObject({ dep: false, mdm: false, userApproved: false, server: null });
    expect(parseProfilesEnrollment('profiles: error\n')).toMatchObject({ mdm: null });
  });
  it('finds the last Jamf recurring check-in, with the year from the reference date', () => {
    expect(lastJamfCheckIn(jamfLog, new Date('2019-03-01T00:00:00Z'))).toBe('2019-02-21 11:16:41');
    expect(lastJamfCheckIn(jamfLog, new Date('2020-01-05T00:00:00Z'))).toBe('2019-02-21 11:16:41');
    expect(lastJamfCheckIn('nothing here', new Date())).toBeNull();
  });
  it('knows MDM vendors by server', () => {
    expect(vendorOfServer('https://a.manage.microsoft.com/x')).toBe('intune');
    expect(vendorOfServer('https://fleet.example.lu/mdm/apple/mdm')).toBe('fleet');
    expect(vendorOfServer('https://mdm.example.lu')).toBeNull();
  });
});

describe('collectMacos (management)', () => {
  it('enrolled, Jamf check-in from jamf.log in the Mac\u2019s time zone', async () => {
    const host = fakeHost({
      platform: 'macos',
      files: {
        '/usr/local/jamf/bin/jamf': 'x',
        '/Library/Preferences/com.jamfsoftware.jamf.plist': build({ jss_url: 'https://luxgov.jamfcloud.com/' }),
        '/var/log/jamf.log': 'Fri Nov 20 09:15:01 mac jamf[8051]: Checking for policies triggered by "recurring check-in" for user "alice"...\n',
      },
      stats: { '/var/log/jamf.log': { type: 'file', mtimeMs: Date.parse('2026-11-20T08:15:03Z') } },
      links: { '/etc/localtime': '/var/db/timezone/zoneinfo/Europe/Luxembourg' },
      commands: { 'profiles status -type enrollment': { stdout: 'Enrolled via DEP: Yes\nMDM enrollment: Yes (User Approved)\n' } },
    });
    const outcome = await collectMacos(host, context(host));
    expect(outcome).toMatchObject({ status: 'ok', facts: { enrolled: true, lastCheckIn: '2026-11-20T08:15:01.000Z', directoryJoined: false } });
    if (outcome.status === 'ok')
      expect(outcome.facts.agents).toEqual([
        expect.objectContaining({ id: 'apple-mdm', enrolled: true }),
        expect.objectContaining({ id: 'jamf', server: 'https://luxgov.jamfcloud.com/', enrolled: true }),
      ]);
  });

  it('profiles gives no answer: mdmclient QuerySecurityInfo can prove an enrolment, never disprove one', async () => {
    const answer = readFileSync(new URL('./testdata/mdmclient/enrolled-dep.txt', import.meta.url), 'utf8');
    const profilesFails = { 'profiles status -type enrollment': { exitCode: 1, stderr: 'profiles: operation not permitted' } };
    const enrolled = fakeHost({ platform: 'macos', commands: { ...profilesFails, '/usr/libexec/mdmclient QuerySecurityInfo': { stdout: answer } } });
    const outcome = await collectMacos(enrolled, context(enrolled));
    expect(outcome).toMatchObject({
      status: 'ok',
      facts: { enrolled: true, agents: [{ id: 'apple-mdm', enrolled: true, depEnrolled: true, userApproved: true }] },
    });
    expect(JSON.stringify(outcome)).toContain('/usr/libexec/mdmclient QuerySecurityInfo: ManagementStatus EnrolledViaDEP = true');
    const zeros = 'Daemon response: { SecurityInfo = { ManagementStatus = { EnrolledViaDEP = 0; IsUserEnrollment = 0; UserApprovedEnrollment = 0; }; }; }';
    const silent = fakeHost({ platform: 'macos', commands: { ...profilesFails, '/usr/libexec/mdmclient QuerySecurityInfo': { stdout: zeros } } });
    expect(await collectMacos(silent, context(silent))).toMatchObject({ status: 'ok', facts: { enrolled: null } });
    const denied = fakeHost({
      platform: 'macos',
      commands: { ...profilesFails, '/usr/libexec/mdmclient QuerySecurityInfo': { exitCode: 1, stderr: 'must be root' } },
    });
    const deniedOutcome = await collectMacos(denied, context(denied));
    expect(deniedOutcome).toMatchObject({ status: 'ok', facts: { enrolled: null } });
    expect(JSON.stringify(deniedOutcome)).toContain('/usr/libexec/mdmclient QuerySecurityInfo: exit code 1 (must be root)');
  });

  it('not enrolled; at rest unknown', async () => {
    const host = fakeHost({ platform: 'macos', commands: { 'profiles status -type enrollment': { stdout: 'Enrolled via DEP: No\nMDM enrollment: No\n' } } });
    expect(await collectMacos(host, context(host))).toMatchObject({ status: 'ok', facts: { enrolled: false, lastCheckIn: null } });
    const rest = fakeHost({ platform: 'macos', capabilities: { live: false, exec: false } });
    expect(await collectMacos(rest, context(rest))).toMatchObject({ status: 'ok', facts: { enrolled: null } });
    expect(rest.ran).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { enrolledBySecurityInfo, parseQuerySecurityInfo } from './mdmclient-security-info.js';

/** See testdata/mdmclient/README.md: one real (truncated) excerpt, one built from documentation. */
const sample = (name: string): string => readFileSync(new URL(`./testdata/mdmclient/${name}`, import.meta.url), 'utf8');

describe('parseQuerySecurityInfo', () => {
  it('a complete answer: DEP, user approved, not a User Enrollment, FileVault and firewall on', () => {
    const read = parseQuerySecurityInfo(sample('enrolled-dep.txt'));
    expect(read).toEqual({
      status: 'ok',
      info: { enrolledViaDep: true, userApproved: true, userEnrollment: false, fdeEnabled: true, firewallEnabled: true },
    });
    if (read.status === 'ok') expect(enrolledBySecurityInfo(read.info)).toBe(true);
  });

  it('the real excerpt from kolide/launcher#660 stops mid-answer: refused, not half-read', () => {
    const read = parseQuerySecurityInfo(sample('kolide-issue-660-excerpt.txt'));
    expect(read.status).toBe('error');
  });

  it('no ManagementStatus, or all of it false, proves nothing about enrolment', () => {
    const none = parseQuerySecurityInfo('Daemon response: { SecurityInfo = { "FDE_Enabled" = 0; }; }');
    expect(none).toEqual({ status: 'ok', info: { enrolledViaDep: null, userApproved: null, userEnrollment: null, fdeEnabled: false, firewallEnabled: null } });
    if (none.status === 'ok') expect(enrolledBySecurityInfo(none.info)).toBeNull();
    const zeros = parseQuerySecurityInfo(
      'Daemon response: { SecurityInfo = { ManagementStatus = { EnrolledViaDEP = 0; UserApprovedEnrollment = 0; IsUserEnrollment = 0; }; }; }',
    );
    if (zeros.status === 'ok') expect(enrolledBySecurityInfo(zeros.info)).toBeNull();
    expect(zeros.status).toBe('ok');
  });

  it('errors and other answers are errors', () => {
    for (const text of ['', 'mdmclient: must be run as root\n', 'Daemon response: { Error = "not permitted"; }', 'Daemon response: {']) {
      expect(parseQuerySecurityInfo(text).status).toBe('error');
    }
  });
});

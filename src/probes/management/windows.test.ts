import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import { powershellProgram, psArgs } from '../../platform/windows/powershell.js';
import type { ProbeContext } from '../probe.js';
import { collectWindows, windowsManagementScript } from './windows.js';
import { parseDsregcmd, windowsManagementFacts } from './windows-parse.js';

const context: ProbeContext = {
  platform: 'windows',
  now: new Date('2026-11-20T10:00:00Z'),
  catalog: { apps: [] },
  capabilities: { read: true, exec: true, live: true },
};

/** Layout of `dsregcmd /status` as Microsoft Learn shows it (right-aligned names), spacing varied, CRLF. */
const dsreg = [
  '+----------------------------------------------------------------------+',
  '| Device State                                                         |',
  '+----------------------------------------------------------------------+',
  '',
  '             AzureAdJoined : YES ',
  '          EnterpriseJoined : NO',
  '             DomainJoined: NO',
  '               Device Name : PC1.example.lu',
  '',
  '| Tenant Details                                                       |',
  '                TenantName : CTIE',
  '                    MdmUrl : https://enrollment.manage.microsoft.com/enrollmentserver/discovery.svc',
  'For more information, please visit https://www.microsoft.com/aadjerrors',
].join('\r\n');

const intune = {
  id: '4E1C5F2A-7B3D-4C9E-A1F0-2D3E4F5A6B7C',
  ProviderID: 'MS DM Server',
  EnrollmentState: 1,
  UPN: 'ann@example.lu',
  tasks: [
    { name: 'Schedule #3 created by enrollment client', lastRun: '2026-11-20T05:41:12.000Z', lastResult: 0 },
    { name: 'Schedule #1 created by enrollment client', lastRun: '2026-11-20T07:00:00.000Z', lastResult: 2147942402 },
    { name: 'PushLaunch', lastRun: '1999-11-30T00:00:00.000Z', lastResult: 0 },
  ],
};

describe('dsregcmd /status', () => {
  it('reads names whatever their spacing, skipping box lines', () => {
    const values = parseDsregcmd(dsreg);
    expect(values.get('azureadjoined')).toBe('YES');
    expect(values.get('domainjoined')).toBe('NO');
    expect(values.get('devicename')).toBe('PC1.example.lu');
    expect(values.get('tenantname')).toBe('CTIE');
    expect(values.get('mdmurl')).toBe('https://enrollment.manage.microsoft.com/enrollmentserver/discovery.svc');
    expect(parseDsregcmd(Buffer.from(`\uFEFF${dsreg}`, 'utf16le')).get('azureadjoined')).toBe('YES');
  });
});

describe('windows management facts', () => {
  it('is enrolled in Intune, with the last successful task run as the check-in', () => {
    const facts = windowsManagementFacts(
      {
        enrollments: [intune, { id: 'AAAAAAAA-0000-4000-8000-000000000000', ProviderID: 'WMI_Bridge_Server', EnrollmentState: 1 }],
        imeRunning: true,
        partOfDomain: false,
        domain: 'WORKGROUP',
      },
      { ok: true, text: dsreg },
    );
    expect(facts).toMatchObject({
      enrolled: true,
      lastCheckIn: '2026-11-20T05:41:12.000Z',
      agents: [{ id: 'intune', kind: 'mdm', enrolled: true, running: true }],
      directoryJoined: true,
      directory: 'Microsoft Entra ID (CTIE)',
    });
  });

  it('is enrolled with an unknown check-in when no task ran successfully, and says so', () => {
    const facts = windowsManagementFacts(
      { enrollments: { ...intune, tasks: null } },
      { ok: false, reason: 'dsregcmd.exe /status: could not be started (ENOENT)' },
    );
    expect(facts).toMatchObject({ enrolled: true, lastCheckIn: null, directoryJoined: null });
    expect(facts.reasons).toEqual([
      'no successful run of the enrolment scheduled tasks is recorded, so the last check-in is unknown',
      'dsregcmd.exe /status: could not be started (ENOENT)',
    ]);
  });

  it('is not enrolled with no enrolment (or one not in state 1), unknown when the key cannot be read', () => {
    expect(windowsManagementFacts({ enrollments: [], partOfDomain: true, domain: 'ad.example.lu' }, { ok: false, reason: 'x' })).toMatchObject({
      enrolled: false,
      directoryJoined: true,
      directory: 'ad.example.lu',
    });
    expect(windowsManagementFacts({ enrollments: [{ ...intune, EnrollmentState: 0 }] }, { ok: false, reason: 'x' }).enrolled).toBe(false);
    expect(windowsManagementFacts({ enrollments: null }, { ok: false, reason: 'x' }).enrolled).toBeNull();
  });

  it('uses the tenant MDM URLs of dsregcmd as evidence, never as an enrolment (real and documentation captures)', () => {
    const sample = (name: string): string => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
    const withMdm = `${sample('dsregcmd-entra-joined.txt').split('\n').slice(0, 8).join('\n')}\n${sample('dsregcmd-tenant-mdm-docs.txt')}`;
    const withServer = { ...intune, DiscoveryServiceFullURL: 'https://enrollment.manage-beta.microsoft.com/enrollmentserver/discovery.svc' };
    // Enrolled, with the tenant's MDM as its server: the URL is one more piece of evidence.
    const enrolled = windowsManagementFacts({ enrollments: [withServer] }, { ok: true, text: withMdm });
    expect(enrolled).toMatchObject({ enrolled: true, directoryJoined: true });
    expect(JSON.stringify(enrolled.agents)).toContain(
      "the tenant's MdmUrl https://enrollment.manage-beta.microsoft.com/EnrollmentServer/Discovery.svc is this enrolment's server",
    );
    // No enrolment at all: still not enrolled, and the reason says the tenant expected one.
    const none = windowsManagementFacts({ enrollments: [] }, { ok: true, text: withMdm });
    expect(none.enrolled).toBe(false);
    expect(JSON.stringify(none.reasons)).toContain('the tenant enrols devices automatically');
    // The enrolment key unreadable: an MDM URL does not make it known.
    expect(windowsManagementFacts({ enrollments: null }, { ok: true, text: withMdm }).enrolled).toBeNull();
    // Real capture, tenant without auto-enrolment: said so in the evidence.
    const real = windowsManagementFacts({ enrollments: [] }, { ok: true, text: sample('dsregcmd-entra-joined.txt') });
    expect(JSON.stringify(real.directoryEvidence)).toContain('MdmUrl empty');
    expect(real).toMatchObject({ enrolled: false, directory: 'Microsoft Entra ID (Default Directory)' });
  });

  it('collects the registry through PowerShell and dsregcmd directly', async () => {
    const key = [powershellProgram, ...psArgs(windowsManagementScript)].join(' ');
    const host = fakeHost({
      platform: 'windows',
      commands: { [key]: { stdout: JSON.stringify({ enrollments: intune }) }, 'dsregcmd.exe /status': { stdout: dsreg } },
    });
    expect(await collectWindows(host, context)).toMatchObject({ status: 'ok', facts: { enrolled: true, directoryJoined: true } });
  });
});

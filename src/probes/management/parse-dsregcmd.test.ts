import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dsregcmdState, parseDsregcmd } from './parse-dsregcmd.js';

const sample = (name: string): string => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

describe('dsregcmd /status', () => {
  it('reads a real Entra-joined device whose tenant has no MDM auto-enrolment (empty MDM URLs)', () => {
    expect(dsregcmdState(sample('dsregcmd-entra-joined.txt'))).toEqual({
      azureAdJoined: true,
      domainJoined: false,
      tenantName: 'Default Directory',
      mdmUrl: null,
      mdmTouUrl: null,
      mdmComplianceUrl: null,
      tenantDetails: true,
    });
    // Odd spacing and names with spaces: normalised.
    const values = parseDsregcmd(sample('dsregcmd-entra-joined.txt'));
    expect(values.get('executingaccountname')).toContain('MAXHOME');
    expect(values.get('devicemanagementsrvversion')).toBe('1.0');
  });

  it('reads the MDM URLs of a tenant with auto-enrolment (documentation sample), CRLF and UTF-16 alike', () => {
    const expected = {
      mdmUrl: 'https://enrollment.manage-beta.microsoft.com/EnrollmentServer/Discovery.svc',
      mdmTouUrl: 'https://portal.manage-beta.microsoft.com/TermsOfUse.aspx',
      mdmComplianceUrl: 'https://portal.manage-beta.microsoft.com/?portalAction=Compliance',
      tenantName: 'HybridADFS',
      tenantDetails: true,
    };
    const text = sample('dsregcmd-tenant-mdm-docs.txt');
    expect(dsregcmdState(text)).toMatchObject(expected);
    expect(dsregcmdState(Buffer.from(`\uFEFF${text.replace(/\n/g, '\r\n')}`, 'utf16le'))).toMatchObject(expected);
  });

  it('not joined: no tenant details, join states false; nothing printed: all unknown', () => {
    const notJoined = '| Device State |\n     AzureAdJoined : NO\n  EnterpriseJoined : NO\n      DomainJoined : NO\n';
    expect(dsregcmdState(notJoined)).toMatchObject({ azureAdJoined: false, domainJoined: false, tenantDetails: false, mdmUrl: null });
    expect(dsregcmdState('')).toMatchObject({ azureAdJoined: null, domainJoined: null, tenantDetails: false });
  });
});

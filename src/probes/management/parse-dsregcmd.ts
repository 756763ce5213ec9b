/**
 * `dsregcmd /status` → values by normalised name, and the join and MDM state it shows. Pure.
 * Layout (Microsoft Learn, "Troubleshoot devices by using the dsregcmd command"): boxed section
 * titles, then `Name : Value` lines with right-aligned names. Names are English on every display
 * language, but the spacing varies: names are compared without spaces and case. An empty value is
 * kept as ''. Real outputs: testdata/README.md.
 */
import { textLines } from '../../platform/windows/decode.js';

/** dsregcmd /status → values by normalised name (lower case, no spaces): `azureadjoined` → 'YES'. */
export const parseDsregcmd = (text: string | Buffer): Map<string, string> => {
  const values = new Map<string, string>();
  for (const line of textLines(text)) {
    const match = /^\s*([A-Za-z][A-Za-z0-9 ()\-_.]*?)\s*:\s?(.*)$/.exec(line);
    if (!match?.[1] || line.trim().startsWith('+') || line.trim().startsWith('|')) continue;
    const key = match[1].replace(/\s+/g, '').toLowerCase();
    if (!values.has(key)) values.set(key, (match[2] ?? '').trim());
  }
  return values;
};

const yes = (value: string | undefined): boolean | null => {
  if (value === undefined) return null;
  if (/^yes$/i.test(value)) return true;
  if (/^no$/i.test(value)) return false;
  return null;
};

const nonEmpty = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);

export type DsregState = {
  azureAdJoined: boolean | null;
  domainJoined: boolean | null;
  tenantName: string | null;
  /** The tenant's MDM auto-enrolment URLs (Tenant Details); null when empty or absent. */
  mdmUrl: string | null;
  mdmTouUrl: string | null;
  mdmComplianceUrl: string | null;
  /** The section was printed (the device is joined); its MDM URLs may still be empty. */
  tenantDetails: boolean;
};

export const dsregcmdState = (text: string | Buffer): DsregState => {
  const values = parseDsregcmd(text);
  return {
    azureAdJoined: yes(values.get('azureadjoined')),
    domainJoined: yes(values.get('domainjoined')),
    tenantName: nonEmpty(values.get('tenantname')),
    mdmUrl: nonEmpty(values.get('mdmurl')),
    mdmTouUrl: nonEmpty(values.get('mdmtouurl')),
    mdmComplianceUrl: nonEmpty(values.get('mdmcomplianceurl')),
    tenantDetails: values.has('tenantid'),
  };
};

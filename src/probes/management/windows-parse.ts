/**
 * Pure interpretation of the Windows management answers.
 * - `dsregcmd /status` (parse-dsregcmd.ts): the Entra join, and the tenant's MDM URLs. An MDM URL
 *   only says the tenant enrols devices automatically, not that this one is enrolled (Microsoft
 *   Learn, same page): it is evidence next to an enrolment, and a reason when none is found, never
 *   an enrolment by itself.
 * - MDM enrolments: HKLM\SOFTWARE\Microsoft\Enrollments\<GUID> ProviderID ("MS DM Server" = Intune),
 *   EnrollmentState (1 = enrolled), UPN, DiscoveryServiceFullURL (probes.md §3.7).
 * - Check-ins: the enrolment's scheduled tasks under \Microsoft\Windows\EnterpriseMgmt\<GUID>\ run
 *   the MDM sync (about every 8 hours, Microsoft Learn "Common questions about device policies and
 *   profiles in Microsoft Intune"); the latest LastRunTime of a run that ended with result 0 is taken
 *   as the last check-in. The task names themselves are not documented by Microsoft.
 * - Win32_ComputerSystem PartOfDomain / Domain for an Active Directory join.
 */
import type { Json, JsonObject } from '../../model.js';
import { dsregcmdState } from './parse-dsregcmd.js';

export { parseDsregcmd } from './parse-dsregcmd.js';
import { booleanOf, dateOf, isObject, numberOf, objectsOf, stringOf } from '../../platform/windows/json.js';

/** ProviderIDs of enrolments that are not a remote management server. */
const localProviders = new Set(['wmi_bridge_server', 'local_enrollment']);

/** Task runs before this are "never run" (Task Scheduler reports 1999-11-30). */
const neverRun = Date.parse('2000-01-01T00:00:00Z');

export const windowsManagementFacts = (value: Json, dsregcmd: { ok: true; text: string } | { ok: false; reason: string }): JsonObject => {
  const o = isObject(value) ? value : {};
  const reasons: string[] = [];
  const agents: JsonObject[] = [];
  let latestCheckIn: string | null = null;
  for (const e of objectsOf(o.enrollments)) {
    const provider = stringOf(e.ProviderID);
    const id = stringOf(e.id) ?? '?';
    if (provider === null || localProviders.has(provider.toLowerCase())) continue;
    const state = numberOf(e.EnrollmentState ?? null);
    const enrolled = state === 1;
    const tasks = objectsOf(e.tasks);
    const runs = tasks
      .filter((t) => numberOf(t.lastResult ?? null) === 0)
      .map((t) => dateOf(t.lastRun ?? null))
      .filter((d): d is string => d !== null && Date.parse(d) >= neverRun)
      .sort();
    const lastCheckIn = runs.at(-1) ?? null;
    const intune = provider.toLowerCase() === 'ms dm server';
    const evidence = [
      `HKLM\\SOFTWARE\\Microsoft\\Enrollments\\${id}: ProviderID ${provider}, EnrollmentState ${state ?? 'unset'}${stringOf(e.UPN) ? `, UPN ${stringOf(e.UPN) ?? ''}` : ''}`,
      ...(e.tasks === null || e.tasks === undefined
        ? [`scheduled tasks \\Microsoft\\Windows\\EnterpriseMgmt\\${id}\\ not readable`]
        : [
            `${tasks.length} scheduled task(s) under \\Microsoft\\Windows\\EnterpriseMgmt\\${id}\\${lastCheckIn ? `, last successful run ${lastCheckIn}` : ', none ran successfully'}`,
          ]),
    ];
    if (enrolled && lastCheckIn !== null && (latestCheckIn === null || lastCheckIn > latestCheckIn)) latestCheckIn = lastCheckIn;
    agents.push({
      id: intune ? 'intune' : `mdm:${provider}`,
      name: intune ? 'Microsoft Intune' : provider,
      kind: 'mdm',
      installed: true,
      configured: true,
      registered: enrolled,
      enrolled,
      serviceEnabled: null,
      running: intune ? booleanOf(o.imeRunning ?? null) : null,
      server: stringOf(e.DiscoveryServiceFullURL),
      lastCheckIn,
      evidence,
    });
  }
  const ccm = stringOf(o.ccmExec);
  if (ccm !== null) {
    agents.push({
      id: 'configmgr',
      name: 'Microsoft Configuration Manager client',
      kind: 'config-management',
      installed: true,
      configured: null,
      registered: null,
      enrolled: null,
      serviceEnabled: null,
      running: /^running$/i.test(ccm),
      server: null,
      lastCheckIn: null,
      evidence: [`service CcmExec ${ccm}`],
    });
  }
  if (o.enrollments === null || o.enrollments === undefined) reasons.push('HKLM\\SOFTWARE\\Microsoft\\Enrollments could not be read');
  const anyEnrolled = agents.some((a) => a.enrolled === true);
  const enrolled = anyEnrolled ? true : agents.some((a) => a.enrolled === null) || o.enrollments === null || o.enrollments === undefined ? null : false;
  if (anyEnrolled && latestCheckIn === null) {
    reasons.push('no successful run of the enrolment scheduled tasks is recorded, so the last check-in is unknown');
  }

  // Directory: Active Directory (Win32_ComputerSystem) and Microsoft Entra ID (dsregcmd).
  const directoryEvidence: string[] = [];
  const partOfDomain = booleanOf(o.partOfDomain ?? null);
  const domain = stringOf(o.domain);
  if (partOfDomain !== null)
    directoryEvidence.push(`Win32_ComputerSystem PartOfDomain ${partOfDomain ? 'True' : 'False'}${domain ? `, Domain ${domain}` : ''}`);
  let entra: boolean | null = null;
  let tenant: string | null = null;
  let domainJoined: boolean | null = null;
  if (dsregcmd.ok) {
    const state = dsregcmdState(dsregcmd.text);
    entra = state.azureAdJoined;
    domainJoined = state.domainJoined;
    tenant = state.tenantName;
    const word = (b: boolean | null): string => (b === null ? '?' : b ? 'YES' : 'NO');
    directoryEvidence.push(
      `dsregcmd /status: AzureAdJoined ${word(entra)}, DomainJoined ${word(domainJoined)}${tenant ? `, TenantName ${tenant}` : ''}` +
        (state.mdmUrl ? `, MdmUrl ${state.mdmUrl}` : state.tenantDetails ? ', MdmUrl empty (the tenant has no MDM auto-enrolment for this user)' : ''),
    );
    if (state.mdmUrl !== null) {
      const host = (url: string | null): string | null => {
        try {
          return url === null ? null : new URL(url).hostname.toLowerCase();
        } catch {
          return null;
        }
      };
      const mdmHost = host(state.mdmUrl);
      const matching = agents.filter((a) => a.kind === 'mdm' && mdmHost !== null && host(stringOf(a.server)) === mdmHost);
      for (const agent of matching) {
        agent.evidence = [
          ...(Array.isArray(agent.evidence) ? agent.evidence : []),
          `dsregcmd /status: the tenant's MdmUrl ${state.mdmUrl} is this enrolment's server`,
        ];
      }
      if (enrolled === false) {
        reasons.push(`the tenant enrols devices automatically (dsregcmd MdmUrl ${state.mdmUrl}), but no MDM enrolment is recorded on this machine`);
      }
    }
  } else reasons.push(dsregcmd.reason);
  const joined = [entra, domainJoined ?? partOfDomain];
  const directoryJoined = joined.some((j) => j === true) ? true : joined.every((j) => j === false) ? false : null;
  const names = [
    ...((domainJoined ?? partOfDomain) === true && domain ? [domain] : []),
    ...(entra === true ? [tenant ? `Microsoft Entra ID (${tenant})` : 'Microsoft Entra ID'] : []),
  ];
  return {
    enrolled,
    agents,
    lastCheckIn: anyEnrolled ? latestCheckIn : null,
    directoryJoined,
    directory: names.length === 0 ? null : names.join(', '),
    directoryEvidence,
    reasons,
  };
};

/**
 * management on macOS.
 * - Enrolment: `profiles status -type enrollment` (no root needed): `MDM enrollment: Yes` means the
 *   Mac is enrolled in an MDM server; `Enrolled via DEP: Yes` that it came through Automated Device
 *   Enrollment. When it gives no answer, `mdmclient QuerySecurityInfo` (root) can prove an
 *   enrolment through its ManagementStatus (never disprove one). Without a running system the
 *   answer is unknown (null).
 * - Agents (files, also at rest): Jamf (/usr/local/jamf/bin/jamf, com.jamfsoftware.jamf.plist
 *   jss_url), Microsoft Intune (/Library/Intune/Microsoft Intune Agent.app, Company Portal),
 *   Kandji (/Library/Kandji), Mosyle (/Library/Application Support/Mosyle), Fleet (/opt/orbit).
 * - lastCheckIn: Apple's MDM client logs its check-ins only to the unified log (not a file, and
 *   `log show` is too slow for a check), so it is null unless an agent writes one down: Jamf's
 *   /var/log/jamf.log `Checking for policies triggered by "recurring check-in"` lines.
 * - Directory: /Library/Preferences/OpenDirectory/Configurations/Active Directory/*.plist
 *   (a Mac bound to Active Directory).
 */
import type { Host } from '../../hosts/host.js';
import type { JsonObject, ProbeOutcome } from '../../model.js';
import { isDict, plistDict, readPlist, stringValue } from '../../platform/macos/plist.js';
import { failure, runTool, succeeded } from '../../platform/macos/run.js';
import { ok, type ProbeContext } from '../probe.js';
import { localTimeToIso, timeZoneName } from '../updates/history.js';
import { lastJamfCheckIn, parseProfilesEnrollment, vendorOfServer, type EnrollmentStatus } from './macos-parse.js';
import { enrolledBySecurityInfo, parseQuerySecurityInfo } from './mdmclient-security-info.js';

const mdmclient = '/usr/libexec/mdmclient';

/** A second opinion when `profiles` gives none: mdmclient's ManagementStatus, which needs root. */
const securityInfoEnrollment = async (host: Host): Promise<{ enrollment?: EnrollmentStatus; evidence: string }> => {
  const label = `${mdmclient} QuerySecurityInfo`;
  const result = await runTool(host, mdmclient, ['QuerySecurityInfo']);
  if (!succeeded(result)) return { evidence: failure(label, result) };
  const read = parseQuerySecurityInfo(result.stdout);
  if (read.status === 'error') return { evidence: `${label}: ${read.reason}` };
  const { info } = read;
  const said = `EnrolledViaDEP = ${info.enrolledViaDep ?? 'not set'}, UserApprovedEnrollment = ${info.userApproved ?? 'not set'}, IsUserEnrollment = ${info.userEnrollment ?? 'not set'}`;
  if (enrolledBySecurityInfo(info) !== true) return { evidence: `${label}: ManagementStatus ${said}: does not show an enrolment (nor rule one out)` };
  return {
    enrollment: { mdm: true, dep: info.enrolledViaDep, userApproved: info.userApproved, server: null, lines: [`${label}: ManagementStatus ${said}`] },
    evidence: `${label}: ManagementStatus ${said}`,
  };
};

interface MacAgent {
  id: string;
  name: string;
  paths: readonly string[];
}

const agents: readonly MacAgent[] = [
  { id: 'jamf', name: 'Jamf Pro', paths: ['/usr/local/jamf/bin/jamf', '/usr/local/bin/jamf', '/Library/Application Support/JAMF'] },
  { id: 'intune', name: 'Microsoft Intune', paths: ['/Library/Intune/Microsoft Intune Agent.app', '/Applications/Company Portal.app'] },
  { id: 'kandji', name: 'Kandji', paths: ['/Library/Kandji'] },
  { id: 'mosyle', name: 'Mosyle', paths: ['/Library/Application Support/Mosyle'] },
  { id: 'fleet', name: 'Fleet (orbit)', paths: ['/opt/orbit'] },
];

export const jamfPlistPath = '/Library/Preferences/com.jamfsoftware.jamf.plist';
export const jamfLogPath = '/var/log/jamf.log';
const adConfigDir = '/Library/Preferences/OpenDirectory/Configurations/Active Directory';

const jamfCheckIn = async (host: Host, context: ProbeContext): Promise<{ at: string | null; evidence: string[] }> => {
  const [log, stat, link] = await Promise.all([host.readFile(jamfLogPath), host.stat(jamfLogPath), host.readLink('/etc/localtime')]);
  if (log === undefined) return { at: null, evidence: [`${jamfLogPath}: absent`] };
  const reference = stat !== undefined && stat.mtimeMs > 0 ? new Date(stat.mtimeMs) : context.now;
  const local = lastJamfCheckIn(log.toString('utf8'), reference);
  if (local === null) return { at: null, evidence: [`${jamfLogPath}: no recurring check-in`] };
  const zone = timeZoneName(link, undefined) ?? 'UTC';
  const at = localTimeToIso(local, zone) ?? localTimeToIso(local, 'UTC');
  return { at, evidence: [`${jamfLogPath}: last recurring check-in ${local} (${zone})`] };
};

const directoryJoin = async (host: Host): Promise<{ joined: boolean | null; directory: string | null; evidence: string[] }> => {
  const names = ((await host.readDir(adConfigDir)) ?? []).filter((n) => n.endsWith('.plist'));
  if (names.length === 0) return { joined: false, directory: null, evidence: [] };
  const domains: string[] = [];
  for (const name of names) {
    const dict = plistDict(await readPlist(host, `${adConfigDir}/${name}`));
    const general = dict !== undefined && isDict(dict['module options']) ? dict['module options'] : undefined;
    const ad = general !== undefined && isDict(general.ActiveDirectory) ? general.ActiveDirectory : undefined;
    domains.push(stringValue(ad, 'domain') ?? stringValue(dict, 'trustaccount') ?? name.replace(/\.plist$/, ''));
  }
  return { joined: true, directory: domains.join(', '), evidence: names.map((n) => `${adConfigDir}/${n}`) };
};

export const collectMacos = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  const reasons: string[] = [];
  const live = context.capabilities.live && context.capabilities.exec;
  let enrollment: EnrollmentStatus | undefined;
  if (live) {
    const result = await runTool(host, 'profiles', ['status', '-type', 'enrollment']);
    if (succeeded(result)) {
      enrollment = parseProfilesEnrollment(result.stdout);
      if (enrollment.mdm === null) reasons.push(`profiles status -type enrollment: unrecognised output ${JSON.stringify(result.stdout.trim())}`);
    } else reasons.push(failure('profiles status -type enrollment', result));
    if (enrollment?.mdm === undefined || enrollment.mdm === null) {
      const second = await securityInfoEnrollment(host);
      reasons.push(second.evidence);
      if (second.enrollment !== undefined) enrollment = second.enrollment;
    }
  } else reasons.push('target at rest: MDM enrolment is only known on a running Mac (profiles status)');

  const [installed, jamfPrefs, directory] = await Promise.all([
    Promise.all(
      agents.map(async (agent) => ({
        agent,
        found: (await Promise.all(agent.paths.map((p) => host.stat(p))))
          .map((s, i) => (s ? agent.paths[i] : undefined))
          .filter((p): p is string => p !== undefined),
      })),
    ),
    readPlist(host, jamfPlistPath),
    directoryJoin(host),
  ]);
  const jssUrl = stringValue(plistDict(jamfPrefs), 'jss_url');
  const mdmServer = enrollment?.server ?? null;
  const mdmVendor = mdmServer === null ? null : vendorOfServer(mdmServer);

  const agentFacts: JsonObject[] = [];
  let lastCheckIn: string | null = null;
  if (enrollment?.mdm !== undefined && enrollment.mdm !== null) {
    agentFacts.push({
      id: 'apple-mdm',
      name: 'Apple MDM (mdmclient)',
      kind: 'mdm',
      installed: true,
      configured: enrollment.mdm,
      registered: enrollment.mdm,
      enrolled: enrollment.mdm,
      serviceEnabled: null,
      running: null,
      server: mdmServer,
      lastCheckIn: null,
      depEnrolled: enrollment.dep,
      userApproved: enrollment.userApproved,
      vendor: mdmVendor,
      evidence: enrollment.lines.map((line) => (line.startsWith(mdmclient) ? line : `profiles status -type enrollment: ${line}`)),
    });
  }
  for (const { agent, found } of installed) {
    if (found.length === 0 && !(agent.id === 'jamf' && jssUrl !== null)) continue;
    const evidence = found.map((p) => `${p} exists`);
    let server: string | null = null;
    let configured: boolean | null = null;
    let checkIn: string | null = null;
    if (agent.id === 'jamf') {
      server = jssUrl;
      configured = jssUrl !== null;
      evidence.push(jssUrl === null ? `${jamfPlistPath}: no jss_url` : `${jamfPlistPath}: jss_url = ${jssUrl}`);
      const log = await jamfCheckIn(host, context);
      checkIn = log.at;
      evidence.push(...log.evidence);
    }
    const enrolled =
      enrollment?.mdm === true && (mdmVendor === null || mdmVendor === agent.id) ? true : configured === true ? true : enrollment?.mdm === false ? false : null;
    agentFacts.push({
      id: agent.id,
      name: agent.name,
      kind: 'mdm',
      installed: found.length > 0,
      configured,
      registered: null,
      enrolled,
      serviceEnabled: null,
      running: null,
      server,
      lastCheckIn: checkIn,
      evidence,
    });
    if (enrolled === true && checkIn !== null && (lastCheckIn === null || checkIn > lastCheckIn)) lastCheckIn = checkIn;
  }

  const enrolled = enrollment?.mdm ?? (agentFacts.some((a) => a.configured === true) ? true : null);
  if (enrolled === true)
    reasons.unshift(`enrolled in MDM${mdmServer === null ? '' : ` (${mdmServer})`}${enrollment?.dep === true ? ' via Automated Device Enrollment' : ''}`);
  else if (enrolled === false) reasons.unshift('not enrolled in MDM (profiles status -type enrollment)');
  if (enrolled === true && lastCheckIn === null) {
    reasons.push('lastCheckIn: macOS logs MDM check-ins only to the unified log; no agent on this Mac writes one to a file');
  }
  const facts: JsonObject = {
    enrolled,
    agents: agentFacts,
    lastCheckIn,
    directoryJoined: directory.joined,
    directory: directory.directory,
    directoryEvidence: directory.evidence,
    reasons,
  };
  return ok(facts);
};

import type { Host } from '../../hosts/host.js';
import type { Json, JsonObject } from '../../model.js';
import { defineProbe, macosAndWindows, ok, type FactSpec, type ProbeContext } from '../probe.js';
import { linuxReads } from './reads.js';
import { processesNamed } from '../../platform/linux/processes.js';
import { unitActive, unitState } from '../../platform/linux/units.js';
import { agentSpecs, managingKinds, type AgentSpec } from './agents.js';
import { configReaders, type ConfigFinding } from './configs.js';
import { readDirectoryJoin } from './directory.js';

const facts: Record<string, FactSpec> = {
  enrolled: {
    type: 'boolean',
    description:
      'At least one central management agent (kind mdm, config-management or fleet) is installed and configured to report to a server ' +
      '(and, where the agent writes it down, was accepted by it). False when none is; null when an agent is present but its configuration cannot be read.',
  },
  agents: {
    type: 'array',
    description:
      'Agents found: id, name, kind (mdm, config-management, fleet, endpoint), installed, configured, registered, enrolled, ' +
      'serviceEnabled, running (null at rest), server, lastCheckIn (ISO), evidence.',
  },
  lastCheckIn: { type: 'string', description: 'Most recent check-in (ISO) written down by an enrolled management agent; null when none is.' },
  directoryJoined: {
    type: 'boolean',
    description: 'Joined to a directory (SSSD domain, Samba AD member, FreeIPA); null when its configuration cannot be read.',
  },
  directory: { type: 'string', description: 'The directory domain or realm name(s), comma-separated.' },
  directoryEvidence: { type: 'array', description: 'What showed the directory join (configuration files and their values).' },
  reasons: { type: 'array', description: 'Why the facts have their values: unreadable files, missing servers, local-only runs.' },
};

interface AgentReport {
  spec: AgentSpec;
  installed: boolean;
  serviceEnabled: boolean | null;
  running: boolean | null;
  config: ConfigFinding;
  enrolled: boolean | null;
  evidence: string[];
  listed: boolean;
}

const exists = async (host: Host, path: string): Promise<boolean> => (await host.stat(path)) !== undefined;

const installation = async (host: Host, spec: AgentSpec): Promise<string[]> => {
  const found: string[] = [];
  for (const pkg of spec.packages) {
    if (await exists(host, `/var/lib/dpkg/info/${pkg}.list`)) found.push(`package ${pkg} installed (dpkg)`);
  }
  for (const path of spec.paths) {
    if (await exists(host, path)) {
      found.push(`${path} exists`);
      break;
    }
  }
  return found;
};

const running = async (host: Host, spec: AgentSpec, context: ProbeContext): Promise<{ running: boolean | null; evidence: string[] }> => {
  if (!context.capabilities.live || (spec.units.length === 0 && spec.processes.length === 0)) return { running: null, evidence: [] };
  const evidence: string[] = [];
  let systemdAnswered = false;
  for (const unit of spec.units) {
    const active = await unitActive(host, unit);
    if (active === null) continue;
    systemdAnswered = true;
    if (active) evidence.push(`${unit} is active`);
  }
  const processes = spec.processes.length > 0 ? await processesNamed(host, context, spec.processes) : undefined;
  for (const p of processes ?? []) evidence.push(`process ${p.comm} (pid ${p.pid}) is running`);
  if (evidence.length > 0) return { running: true, evidence };
  return { running: systemdAnswered || processes !== undefined ? false : null, evidence };
};

const judge = (installed: boolean, config: ConfigFinding): { enrolled: boolean | null; reason: string | null } => {
  if (!installed) {
    return { enrolled: false, reason: config.present ? 'configuration is present but the agent is not installed' : null };
  }
  if (config.configured === null) return { enrolled: null, reason: 'installed, but its configuration cannot be read' };
  if (!config.configured) return { enrolled: false, reason: 'installed but not configured to report to a server' };
  if (config.registered === false) return { enrolled: false, reason: 'configured, but the server has not accepted it' };
  return { enrolled: true, reason: null };
};

const examine = async (host: Host, spec: AgentSpec, context: ProbeContext): Promise<AgentReport> => {
  const reader = configReaders[spec.id];
  const [installedBy, units, config] = await Promise.all([
    installation(host, spec),
    Promise.all(spec.units.map((unit) => unitState(host, unit, context))),
    reader === undefined ? Promise.resolve(undefined) : reader(host, context),
  ]);
  const finding: ConfigFinding = config ?? {
    configured: false,
    server: null,
    registered: null,
    lastCheckIn: null,
    present: false,
    evidence: [],
    reasons: [],
  };
  const installedUnits = units.filter((u) => u.installed);
  const enabledUnits = units.filter((u) => u.enabled);
  const installed = installedBy.length > 0 || installedUnits.length > 0;
  const listed = finding.present || installedUnits.length > 0 || (installedBy.length > 0 && spec.listWhenOnlyInstalled !== false);
  const live = listed ? await running(host, spec, context) : { running: null, evidence: [] };
  const evidence = [
    ...installedBy,
    ...enabledUnits.map((u) => `${u.unit} enabled (wanted by ${u.wantedBy.join(', ')})`),
    ...units.filter((u) => u.masked).map((u) => `${u.unit} is masked`),
    ...finding.evidence,
    ...live.evidence,
  ];
  const { enrolled, reason } = judge(installed, finding);
  if (reason !== null) finding.reasons.unshift(reason);
  return {
    spec,
    installed,
    serviceEnabled: spec.units.length === 0 ? null : enabledUnits.length > 0,
    running: live.running,
    config: finding,
    enrolled,
    evidence,
    listed,
  };
};

const agentFact = (a: AgentReport): JsonObject => ({
  id: a.spec.id,
  name: a.spec.name,
  kind: a.spec.kind,
  installed: a.installed,
  configured: a.config.configured,
  registered: a.config.registered,
  enrolled: a.enrolled,
  serviceEnabled: a.serviceEnabled,
  running: a.running,
  server: a.config.server,
  lastCheckIn: a.config.lastCheckIn,
  evidence: a.evidence,
});

const latest = (dates: readonly (string | null)[]): string | null =>
  dates
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1) ?? null;

const collectLinux = async (host: Host, context: ProbeContext): Promise<JsonObject> => {
  const [reports, directory] = await Promise.all([Promise.all(agentSpecs.map((spec) => examine(host, spec, context))), readDirectoryJoin(host)]);
  const listed = reports.filter((r) => r.listed);
  const managing = listed.filter((r) => managingKinds.has(r.spec.kind));
  const enrolledAgents = managing.filter((r) => r.enrolled === true);
  const enrolled = enrolledAgents.length > 0 ? true : managing.some((r) => r.enrolled === null) ? null : false;

  const reasons: string[] = [];
  if (enrolledAgents.length > 0) {
    reasons.push(`enrolled: ${enrolledAgents.map((r) => `${r.spec.id}${r.config.server === null ? '' : ` (${r.config.server})`}`).join(', ')}`);
  } else if (listed.length === 0) {
    reasons.push('no central management agent found');
  } else if (managing.length === 0) {
    reasons.push(`only reporting agents found (${listed.map((r) => r.spec.id).join(', ')}), none that manages the device`);
  }
  for (const r of listed) for (const reason of r.config.reasons) reasons.push(`${r.spec.id}: ${reason}`);
  reasons.push(...directory.reasons);
  if (!context.capabilities.live) reasons.push('target at rest: whether agents are running is not known');

  const agents: Json[] = listed.map(agentFact);
  return {
    enrolled,
    agents,
    lastCheckIn: latest(enrolledAgents.map((r) => r.config.lastCheckIn)),
    directoryJoined: directory.joined,
    directory: directory.directory,
    directoryEvidence: directory.evidence,
    reasons,
  };
};

export const management = defineProbe({
  id: 'management',
  title: 'Central management',
  needs: ['read'],
  facts,
  reads: { linux: linuxReads },
  collect: {
    linux: async (host, context) => ok(await collectLinux(host, context)),
    ...macosAndWindows(
      () => import('./macos.js'),
      () => import('./windows.js'),
    ),
  },
});

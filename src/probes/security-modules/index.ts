import { readText, type Host } from '../../hosts/host.js';
import type { JsonObject } from '../../model.js';
import { defineProbe, ok, type FactSpec, type ProbeContext } from '../probe.js';
import { linuxReads } from './reads.js';
import { unitState } from '../../platform/linux/units.js';
import {
  isProfileFileName,
  parseAppArmorProfiles,
  parseGrubCmdline,
  parseLsmList,
  parseSecurityParameters,
  parseSelinuxConfig,
  parseSelinuxEnforce,
  parseYesNo,
  profileFileMode,
  type ProfileCounts,
  type SecurityParameters,
  type SelinuxConfig,
  type SelinuxMode,
} from './parse.js';

const facts: Record<string, FactSpec> = {
  module: {
    type: 'string',
    description:
      "The mandatory access control module: 'apparmor' or 'selinux' — the active one on a running system, the configured one at rest; null when none (or unknown, see reasons).",
  },
  enforcing: {
    type: 'boolean',
    description:
      'A MAC module is active in enforcing mode (AppArmor enabled with at least one profile in enforce mode, or SELinux enforcing); at rest: configured to be.',
  },
  apparmor: {
    type: 'object',
    description:
      'AppArmor: installed (apparmor_parser present), enabled (live: kernel module enabled and active; at rest: installed, apparmor.service enabled, not disabled on the GRUB command line), profilesEnforce, profilesComplain, profilesLoaded (live: loaded in the kernel, root only; at rest: profile files in /etc/apparmor.d that load at boot).',
  },
  selinux: {
    type: 'object',
    description: 'SELinux: mode (live: enforcing, permissive or disabled), configuredMode and policy (from /etc/selinux/config).',
  },
  lsm: { type: 'array', description: 'Active Linux security modules in order (/sys/kernel/security/lsm); at rest the lsm= GRUB parameter if set.' },
  evidence: { type: 'array', description: 'What was read and what it showed.' },
  reasons: { type: 'array', description: 'Why a fact is false or null.' },
};

interface AppArmorFacts {
  installed: boolean | null;
  enabled: boolean | null;
  profilesEnforce: number | null;
  profilesComplain: number | null;
  profilesLoaded: number | null;
}

interface Notes {
  evidence: string[];
  reasons: string[];
}

const exists = async (host: Host, path: string): Promise<boolean> => (await host.stat(path)) !== undefined;

const apparmorInstalled = async (host: Host, notes: Notes): Promise<boolean> => {
  for (const path of ['/sbin/apparmor_parser', '/usr/sbin/apparmor_parser']) {
    if (await exists(host, path)) {
      notes.evidence.push(`${path} exists (AppArmor userspace installed)`);
      return true;
    }
  }
  return false;
};

const selinuxConfig = async (host: Host, notes: Notes): Promise<SelinuxConfig> => {
  const text = await readText(host, '/etc/selinux/config');
  if (text === undefined) return { mode: null, policy: null };
  const config = parseSelinuxConfig(text);
  notes.evidence.push(`/etc/selinux/config: SELINUX=${config.mode ?? '(unset)'}, SELINUXTYPE=${config.policy ?? '(unset)'}`);
  return config;
};

/** Whether kernel parameters switch AppArmor / SELinux off or select another major LSM. */
const disabledBy = (params: SecurityParameters, module: 'apparmor' | 'selinux'): string | null => {
  if (params[module] === '0') return `${module}=0`;
  if (params.lsm !== null && !params.lsm.includes(module)) return `lsm=${params.lsm.join(',')}`;
  if (params.lsm === null && params.security !== null && params.security !== module) return `security=${params.security}`;
  return null;
};

const selectedBy = (params: SecurityParameters, module: 'apparmor' | 'selinux'): boolean =>
  params.security === module || (params.lsm?.includes(module) ?? false);

// ---------------------------------------------------------------- live

const collectLive = async (host: Host, notes: Notes): Promise<JsonObject> => {
  const { evidence, reasons } = notes;
  const cmdlineText = await readText(host, '/proc/cmdline');
  const params = cmdlineText === undefined ? null : parseSecurityParameters(cmdlineText);
  if (params !== null && params.found.length > 0) evidence.push(`/proc/cmdline: ${params.found.join(' ')}`);

  const lsmText = await readText(host, '/sys/kernel/security/lsm');
  let lsm: string[] | null = null;
  if (lsmText !== undefined) {
    lsm = parseLsmList(lsmText);
    evidence.push(`/sys/kernel/security/lsm: ${lsm.join(',')}`);
  } else if (((await host.readDir('/sys/kernel/security')) ?? []).length === 0) {
    reasons.push('securityfs is not mounted at /sys/kernel/security: the active LSM list is unknown');
  } else {
    reasons.push('/sys/kernel/security/lsm cannot be read');
  }

  // SELinux
  const config = await selinuxConfig(host, notes);
  const enforceText = await readText(host, '/sys/fs/selinux/enforce');
  let selinuxMode: SelinuxMode | null;
  if (enforceText !== undefined) {
    selinuxMode = parseSelinuxEnforce(enforceText);
    evidence.push(`/sys/fs/selinux/enforce: ${enforceText.trim()} (${selinuxMode ?? 'unrecognised'})`);
  } else if (lsm !== null && lsm.includes('selinux')) {
    selinuxMode = null;
    reasons.push('selinux is in the LSM list but /sys/fs/selinux/enforce cannot be read');
  } else {
    selinuxMode = 'disabled';
    evidence.push('/sys/fs/selinux/enforce absent: SELinux is not active');
  }

  // AppArmor
  const installed = await apparmorInstalled(host, notes);
  const enabledText = await readText(host, '/sys/module/apparmor/parameters/enabled');
  let enabled: boolean | null;
  if (enabledText !== undefined) {
    const parameter = parseYesNo(enabledText);
    evidence.push(`/sys/module/apparmor/parameters/enabled: ${enabledText.trim()}`);
    if (parameter === true && lsm !== null && !lsm.includes('apparmor')) {
      enabled = false;
      reasons.push('the apparmor module parameter says Y but apparmor is not in the active LSM list');
    } else {
      enabled = parameter;
    }
  } else if ((await host.readDir('/sys/module')) !== undefined) {
    enabled = false;
    evidence.push('/sys/module/apparmor absent: the kernel has no AppArmor');
  } else {
    enabled = null;
    reasons.push('/sys/module cannot be listed: whether AppArmor is enabled is unknown');
  }

  let counts: ProfileCounts | null = null;
  if (enabled === true) {
    const profilesPath = '/sys/kernel/security/apparmor/profiles';
    const profilesText = await readText(host, profilesPath);
    if (profilesText !== undefined) {
      counts = parseAppArmorProfiles(profilesText);
      evidence.push(
        `${profilesPath}: ${counts.loaded} loaded, ${counts.enforce} enforce, ${counts.complain} complain, ${counts.kill} kill, ${counts.unconfined} unconfined`,
      );
    } else if (await exists(host, profilesPath)) {
      reasons.push(`${profilesPath} is readable by root only: profile modes are unknown (run as root)`);
    } else {
      reasons.push(`${profilesPath} cannot be read (securityfs not mounted?): profile modes are unknown`);
    }
  }
  const apparmor: AppArmorFacts = {
    installed,
    enabled,
    profilesEnforce: counts?.enforce ?? null,
    profilesComplain: counts?.complain ?? null,
    profilesLoaded: counts?.loaded ?? null,
  };

  let module: string | null = null;
  let enforcing: boolean | null;
  if (selinuxMode === 'enforcing' || selinuxMode === 'permissive') module = 'selinux';
  else if (enabled === true) module = 'apparmor';

  if (selinuxMode === 'enforcing') enforcing = true;
  else if (enabled === true) {
    enforcing = counts === null ? null : counts.enforce > 0;
    if (counts !== null && counts.enforce === 0) reasons.push('AppArmor is enabled but no profile is in enforce mode');
  } else if (selinuxMode === 'permissive') {
    enforcing = false;
    reasons.push('SELinux is permissive');
  } else if (selinuxMode === null || enabled === null) {
    enforcing = null;
  } else {
    enforcing = false;
    reasons.push('neither AppArmor nor SELinux is active');
  }
  if (params !== null) {
    for (const name of ['apparmor', 'selinux'] as const) {
      const by = disabledBy(params, name);
      if (by !== null && (name === 'apparmor' ? installed : config.mode !== null)) reasons.push(`${name} is switched off on the kernel command line (${by})`);
    }
  }

  return {
    module,
    enforcing,
    apparmor: { ...apparmor },
    selinux: { mode: selinuxMode, configuredMode: config.mode, policy: config.policy },
    lsm,
  };
};

// ---------------------------------------------------------------- at rest

const grubParameters = async (host: Host, notes: Notes): Promise<SecurityParameters | null> => {
  const texts: string[] = [];
  const main = await readText(host, '/etc/default/grub');
  if (main !== undefined) texts.push(main);
  const snippets = ((await host.readDir('/etc/default/grub.d')) ?? []).filter((name) => name.endsWith('.cfg')).sort();
  for (const name of snippets) {
    const text = await readText(host, `/etc/default/grub.d/${name}`);
    if (text !== undefined) texts.push(text);
  }
  if (texts.length === 0) {
    notes.evidence.push('/etc/default/grub absent: no configured kernel parameters to check');
    return null;
  }
  const { linux, linuxDefault } = parseGrubCmdline(texts);
  const params = parseSecurityParameters(`${linux} ${linuxDefault}`);
  notes.evidence.push(
    params.found.length > 0 ? `GRUB_CMDLINE_LINUX*: ${params.found.join(' ')}` : 'GRUB_CMDLINE_LINUX*: no apparmor=, selinux=, security= or lsm= parameter',
  );
  return params;
};

const profileDirectory = '/etc/apparmor.d';

/** Profile files in /etc/apparmor.d and the mode each loads in at boot (disable/ and force-complain/ honoured). */
const configuredProfiles = async (host: Host, notes: Notes): Promise<ProfileCounts | null> => {
  const names = await host.readDir(profileDirectory);
  if (names === undefined) return null;
  const disabled = new Set((await host.readDir(`${profileDirectory}/disable`)) ?? []);
  const forced = new Set((await host.readDir(`${profileDirectory}/force-complain`)) ?? []);
  const counts: ProfileCounts = { loaded: 0, enforce: 0, complain: 0, kill: 0, unconfined: 0 };
  const candidates = names.filter(isProfileFileName);
  const modes = await Promise.all(
    candidates.map(async (name) => {
      const path = `${profileDirectory}/${name}`;
      if ((await host.stat(path))?.type !== 'file' || disabled.has(name)) return null;
      const text = await readText(host, path);
      const mode = text === undefined ? null : profileFileMode(text);
      return mode !== null && forced.has(name) && mode === 'enforce' ? 'complain' : mode;
    }),
  );
  for (const mode of modes) {
    if (mode === null) continue;
    counts.loaded += 1;
    counts[mode] += 1;
  }
  const skipped = [...disabled].filter((name) => candidates.includes(name));
  notes.evidence.push(
    `${profileDirectory}: ${counts.loaded} profile files load at boot (${counts.enforce} enforce, ${counts.complain} complain)` +
      (skipped.length > 0 ? `; disabled: ${skipped.join(', ')}` : ''),
  );
  return counts;
};

const collectAtRest = async (host: Host, notes: Notes, context: ProbeContext): Promise<JsonObject> => {
  const { evidence, reasons } = notes;
  const params = await grubParameters(host, notes);

  // SELinux
  const config = await selinuxConfig(host, notes);
  const selinuxOff = params === null ? null : disabledBy(params, 'selinux');
  let selinuxConfigured = config.mode === 'enforcing' || config.mode === 'permissive';
  if (selinuxConfigured && selinuxOff !== null) {
    reasons.push(`SELinux is configured ${config.mode ?? ''} but switched off on the GRUB command line (${selinuxOff})`);
    selinuxConfigured = false;
  }

  // AppArmor
  const installed = await apparmorInstalled(host, notes);
  let enabled = false;
  let counts: ProfileCounts | null = null;
  if (installed) {
    const unit = await unitState(host, 'apparmor.service', context);
    const apparmorOff = params === null ? null : disabledBy(params, 'apparmor');
    if (unit.enabled) evidence.push(`apparmor.service enabled (${unit.evidence.join(', ')})`);
    else reasons.push(unit.masked ? 'apparmor.service is masked' : 'apparmor.service is not enabled');
    if (apparmorOff !== null) reasons.push(`AppArmor is switched off on the GRUB command line (${apparmorOff})`);
    enabled = unit.enabled && apparmorOff === null;
    counts = await configuredProfiles(host, notes);
  } else {
    reasons.push('AppArmor is not installed (no apparmor_parser)');
  }
  if (!selinuxConfigured && config.mode === null) reasons.push('SELinux is not configured (no /etc/selinux/config)');
  else if (config.mode === 'disabled') reasons.push('SELinux is configured disabled');

  // One major LSM at a time: SELinux wins when the command line selects it or AppArmor is not enabled.
  let module: string | null = null;
  if (selinuxConfigured && (!enabled || (params !== null && selectedBy(params, 'selinux')))) module = 'selinux';
  else if (enabled) module = 'apparmor';

  let enforcing: boolean | null;
  if (module === 'selinux') {
    enforcing = config.mode === 'enforcing';
    if (!enforcing) reasons.push('SELinux is configured permissive');
  } else if (module === 'apparmor') {
    enforcing = counts === null ? null : counts.enforce > 0;
    if (counts !== null && counts.enforce === 0) reasons.push('no AppArmor profile would load in enforce mode');
  } else {
    enforcing = false;
  }

  return {
    module,
    enforcing,
    apparmor: {
      installed,
      enabled,
      profilesEnforce: counts?.enforce ?? (installed ? null : 0),
      profilesComplain: counts?.complain ?? (installed ? null : 0),
      profilesLoaded: counts?.loaded ?? (installed ? null : 0),
    },
    selinux: { mode: null, configuredMode: config.mode, policy: config.policy },
    lsm: params?.lsm ?? null,
  };
};

export const securityModules = defineProbe({
  id: 'security-modules',
  title: 'Mandatory access control',
  needs: ['read'],
  facts,
  reads: { linux: linuxReads },
  collect: {
    linux: async (host, context) => {
      const notes: Notes = { evidence: [], reasons: [] };
      const facts = context.capabilities.live ? await collectLive(host, notes) : await collectAtRest(host, notes, context);
      if (!context.capabilities.live) notes.evidence.push('target at rest: configuration only, nothing about the running kernel');
      return ok({ ...facts, evidence: notes.evidence, reasons: [...new Set(notes.reasons)] });
    },
  },
});

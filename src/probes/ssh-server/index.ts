import { readText, type Host, type RunResult } from '../../hosts/host.js';
import type { Json, JsonObject } from '../../model.js';
import { defineProbe, ok, type FactSpec, type ProbeContext } from '../probe.js';
import { linuxReads } from './reads.js';
import { processesNamed } from '../../platform/linux/processes.js';
import { unitActive, unitState } from '../../platform/linux/units.js';
import {
  effectiveConfig,
  flattenSshdConfig,
  globComponentRegExp,
  hasGlob,
  includePatterns,
  listenAddressPort,
  parseSshdConfig,
  parseSshdT,
  permitRootLogin,
  portNumber,
  sshdDefaults,
  yesNo,
  type EffectiveConfig,
} from './parse.js';

const facts: Record<string, FactSpec> = {
  installed: { type: 'boolean', description: 'The OpenSSH server is installed (/usr/sbin/sshd, or an ssh/sshd unit).' },
  enabled: { type: 'boolean', description: 'ssh.service, sshd.service or ssh.socket is enabled at boot (and not disabled by /etc/ssh/sshd_not_to_be_run).' },
  running: { type: 'boolean', description: 'An sshd process runs or its unit/socket is active; null at rest.' },
  active: { type: 'boolean', description: 'enabled or running (at rest: enabled).' },
  permitRootLogin: { type: 'string', description: 'Effective global PermitRootLogin: yes, no, prohibit-password or forced-commands-only.' },
  passwordAuthentication: { type: 'boolean', description: 'Effective global PasswordAuthentication.' },
  kbdInteractiveAuthentication: {
    type: 'boolean',
    description: 'Effective global KbdInteractiveAuthentication (ChallengeResponseAuthentication is its deprecated alias).',
  },
  permitEmptyPasswords: { type: 'boolean', description: 'Effective global PermitEmptyPasswords.' },
  usePam: { type: 'boolean', description: 'Effective UsePAM (with keyboard-interactive on, PAM can still ask for a password).' },
  passwordLogin: {
    type: 'boolean',
    description: 'A password can be typed to log in: PasswordAuthentication, or KbdInteractiveAuthentication with UsePAM.',
  },
  ports: { type: 'array', description: 'TCP ports sshd listens on (Port lines and ListenAddress ports).' },
  matchBlocks: { type: 'array', description: 'Match blocks: criteria, at (file:line) and the settings inside (lower-case keywords, first value).' },
  source: { type: 'string', description: "Where the settings come from: 'sshd -T' (effective, live and root) or 'configuration' (files parsed)." },
  evidence: { type: 'array', description: 'file:line (or sshd -T line, or the OpenSSH default) of each setting that decided.' },
  reasons: { type: 'array', description: 'Why a fact is null or how it was decided (fallbacks, unreadable files).' },
};

const mainConfig = '/etc/ssh/sshd_config';
const units = ['ssh.service', 'sshd.service', 'ssh.socket', 'sshd.socket'];

const exists = async (host: Host, path: string): Promise<boolean> => (await host.stat(path)) !== undefined;

/** glob(3) over the host: each component with wildcards is matched against a directory listing. */
const expandGlob = async (host: Host, pattern: string): Promise<string[]> => {
  const parts = pattern.split('/').filter((part) => part !== '');
  let prefixes = [''];
  for (const part of parts) {
    const next: string[] = [];
    for (const prefix of prefixes) {
      if (!hasGlob(part)) {
        next.push(`${prefix}/${part}`);
        continue;
      }
      const regexp = globComponentRegExp(part);
      for (const name of (await host.readDir(prefix === '' ? '/' : prefix)) ?? []) if (regexp.test(name)) next.push(`${prefix}/${name}`);
    }
    prefixes = next;
  }
  const found: string[] = [];
  for (const path of prefixes) if ((await host.stat(path))?.type === 'file') found.push(path);
  return found.sort();
};

interface Loaded {
  files: Map<string, string>;
  expansions: Map<string, string[]>;
  unreadable: string[];
}

/** Reads the main file and, transitively, every file its Include lines name. */
const loadConfig = async (host: Host): Promise<Loaded> => {
  const loaded: Loaded = { files: new Map(), expansions: new Map(), unreadable: [] };
  const pending = [mainConfig];
  while (pending.length > 0 && loaded.files.size < 256) {
    const path = pending.shift() ?? '';
    if (loaded.files.has(path)) continue;
    const text = await readText(host, path);
    if (text === undefined) {
      if (await exists(host, path)) loaded.unreadable.push(path);
      continue;
    }
    loaded.files.set(path, text);
    for (const pattern of includePatterns(parseSshdConfig(text))) {
      if (loaded.expansions.has(pattern)) continue;
      const paths = await expandGlob(host, pattern);
      loaded.expansions.set(pattern, paths);
      pending.push(...paths);
    }
  }
  return loaded;
};

interface Settings {
  permitRootLogin: string | null;
  passwordAuthentication: boolean | null;
  kbdInteractiveAuthentication: boolean | null;
  permitEmptyPasswords: boolean | null;
  usePam: boolean | null;
  ports: number[] | null;
}

const keywordNames: Record<string, string> = {
  permitrootlogin: 'PermitRootLogin',
  passwordauthentication: 'PasswordAuthentication',
  kbdinteractiveauthentication: 'KbdInteractiveAuthentication',
  permitemptypasswords: 'PermitEmptyPasswords',
  usepam: 'UsePAM',
};

/** The evidence line behind each keyword's value, as decided from the files. */
type Decided = Map<string, { value: string; line: string }>;

/** Comparable form of a value: lower case, PermitRootLogin's old alias resolved. */
const normalValue = (keyword: string, value: string): string =>
  keyword === 'permitrootlogin' ? (permitRootLogin(value) ?? value.toLowerCase()) : value.toLowerCase();

/** Global settings from the parsed files, with the line (or default) that decided each. */
const fromFiles = (config: EffectiveConfig, evidence: string[], reasons: string[], decided: Decided): Settings => {
  const pick = (keyword: Exclude<keyof typeof sshdDefaults, 'port'>): string => {
    const setting = config.global.get(keyword);
    const name = keywordNames[keyword] ?? keyword;
    const value = setting?.value ?? sshdDefaults[keyword];
    const line = setting === undefined ? `default: ${name} ${value}` : `${setting.at}: ${name} ${value}`;
    evidence.push(line);
    decided.set(keyword, { value: normalValue(keyword, value), line });
    return value;
  };
  const flag = (keyword: 'passwordauthentication' | 'kbdinteractiveauthentication' | 'permitemptypasswords' | 'usepam'): boolean | null => {
    const value = pick(keyword);
    const parsed = yesNo(value);
    if (parsed === null) reasons.push(`${keywordNames[keyword] ?? keyword} has an invalid value '${value}' (sshd would refuse to start)`);
    return parsed;
  };
  const rootValue = pick('permitrootlogin');
  const root = permitRootLogin(rootValue);
  if (root === null) reasons.push(`PermitRootLogin has an invalid value '${rootValue}' (sshd would refuse to start)`);
  const passwordAuthentication = flag('passwordauthentication');
  const kbdInteractiveAuthentication = flag('kbdinteractiveauthentication');
  const permitEmptyPasswords = flag('permitemptypasswords');
  const usePam = flag('usepam');
  const portLines = config.multi.get('port') ?? [];
  const listenPorts = (config.multi.get('listenaddress') ?? []).map((s) => ({ ...s, port: listenAddressPort(s.value) }));
  const ports = new Set<number>();
  for (const line of portLines) {
    const port = portNumber(line.value);
    if (port !== null) ports.add(port);
    evidence.push(`${line.at}: Port ${line.value}`);
  }
  if (portLines.length === 0) {
    ports.add(22);
    evidence.push('default: Port 22');
  }
  for (const listen of listenPorts) {
    if (listen.port === null) continue;
    ports.add(listen.port);
    evidence.push(`${listen.at}: ListenAddress ${listen.value}`);
  }
  return {
    permitRootLogin: root,
    passwordAuthentication,
    kbdInteractiveAuthentication,
    permitEmptyPasswords,
    usePam,
    ports: [...ports].sort((a, b) => a - b),
  };
};

/** Effective settings from `sshd -T`; undefined when the output does not look like it. */
const fromSshdT = (stdout: string, decided: Decided, evidence: string[]): Settings | undefined => {
  const settings = parseSshdT(stdout);
  const first = (keyword: string): string | undefined => settings.get(keyword)?.[0];
  const rootValue = first('permitrootlogin');
  if (rootValue === undefined) return undefined;
  const flag = (keyword: string): boolean | null => {
    const value = first(keyword);
    return value === undefined ? null : yesNo(value);
  };
  const ports = (settings.get('port') ?? []).map(portNumber).filter((port): port is number => port !== null);
  for (const listen of settings.get('listenaddress') ?? []) {
    const port = listenAddressPort(listen);
    if (port !== null && !ports.includes(port)) ports.push(port);
  }
  const result: Settings = {
    permitRootLogin: permitRootLogin(rootValue),
    passwordAuthentication: flag('passwordauthentication'),
    kbdInteractiveAuthentication: flag('kbdinteractiveauthentication'),
    permitEmptyPasswords: flag('permitemptypasswords'),
    usePam: flag('usepam'),
    ports: [...new Set(ports)].sort((a, b) => a - b),
  };
  // Keep the file line behind each value when the parse agrees with sshd; otherwise sshd -T alone.
  for (const keyword of Object.keys(keywordNames)) {
    const value = first(keyword);
    if (value === undefined) continue;
    evidence.push(`sshd -T: ${keyword} ${value}`);
    const fromFile = decided.get(keyword);
    if (fromFile !== undefined && fromFile.value === normalValue(keyword, value)) evidence.push(fromFile.line);
  }
  for (const port of settings.get('port') ?? []) evidence.push(`sshd -T: port ${port}`);
  return result;
};

/** `sshd -T` (test mode: prints the effective configuration, never starts a server), or why it could not run. */
const runSshdT = async (host: Host): Promise<RunResult | string> => {
  try {
    return await host.run('sshd', ['-T'], { timeoutMs: 5_000 });
  } catch (error) {
    // A replay without this command rejects; it is an optional extra.
    return error instanceof Error ? error.message : String(error);
  }
};

const whyFailed = (result: RunResult): string => {
  if (result.spawnError !== undefined) return result.spawnError;
  if (result.timedOut) return 'timed out';
  const line = result.stderr.trim().split('\n')[0] ?? '';
  return line === '' ? `exit ${result.exitCode}` : line;
};

/** A password can be typed: PasswordAuthentication, or keyboard-interactive through PAM. */
const passwordLoginOf = (settings: Settings | null): boolean | null => {
  if (settings === null) return null;
  if (settings.passwordAuthentication === true) return true;
  if (settings.kbdInteractiveAuthentication === true && settings.usePam === true) return true;
  if (settings.passwordAuthentication === false && (settings.kbdInteractiveAuthentication === false || settings.usePam === false)) return false;
  return null;
};

/** Whether sshd runs now (live only): an sshd process, else the unit or socket systemd reports active. */
const isRunning = async (host: Host, context: ProbeContext): Promise<{ running: boolean | null; how: string }> => {
  const processes = await processesNamed(host, context, ['sshd']);
  if (processes !== undefined && processes.length > 0) return { running: true, how: `sshd process running (pid ${processes.map((p) => p.pid).join(', ')})` };
  const active = await Promise.all(units.map((unit) => unitActive(host, unit)));
  const activeUnit = units.find((_, i) => active[i] === true);
  if (activeUnit !== undefined) return { running: true, how: `${activeUnit} is active` };
  if (processes !== undefined) return { running: false, how: 'no sshd process' };
  if (active.some((value) => value === false)) return { running: false, how: 'systemd reports no ssh unit active' };
  return { running: null, how: 'neither the process list nor systemd could be read' };
};

const collectLinux = async (host: Host, context: ProbeContext): Promise<JsonObject> => {
  const evidence: string[] = [];
  const reasons: string[] = [];
  const states = await Promise.all(units.map((unit) => unitState(host, unit, context)));
  const hasBinary = await exists(host, '/usr/sbin/sshd');
  const installed = hasBinary || states.some((state) => state.installed);
  const notToBeRun = await exists(host, '/etc/ssh/sshd_not_to_be_run');
  let enabled = states.some((state) => state.enabled);
  for (const state of states) if (state.enabled) reasons.push(`${state.unit} enabled (${state.evidence.join(', ')})`);
  for (const state of states) if (state.masked) reasons.push(`${state.unit} is masked`);
  if (notToBeRun && enabled) {
    enabled = false;
    reasons.push('/etc/ssh/sshd_not_to_be_run exists: the ssh units will not start sshd');
  }
  if (!installed) enabled = false;

  let running: boolean | null = null;
  if (context.capabilities.live) {
    const state = await isRunning(host, context);
    running = installed || state.running === true ? state.running : false;
    reasons.push(state.how);
  }
  const active = context.capabilities.live ? (enabled || running === true ? true : running === null ? null : false) : enabled;

  const loaded = await loadConfig(host);
  for (const path of loaded.unreadable) reasons.push(`${path} exists but cannot be read`);
  const mainText = loaded.files.get(mainConfig);
  const fileEvidence: string[] = [];
  const decided: Decided = new Map();
  let settings: Settings | null = null;
  let matchBlocks: Json[] = [];
  if (mainText !== undefined) {
    const config = effectiveConfig(flattenSshdConfig(mainConfig, loaded.files, loaded.expansions));
    matchBlocks = config.matchBlocks.map((block) => ({ criteria: block.criteria, at: block.at, settings: block.settings }));
    settings = fromFiles(config, fileEvidence, reasons, decided);
    if (loaded.unreadable.length > 0) {
      settings = null;
      reasons.push('an included file cannot be read, so the effective settings are unknown');
    }
  } else if (!loaded.unreadable.includes(mainConfig)) {
    reasons.push(installed ? `${mainConfig} is missing` : 'OpenSSH server is not installed and has no configuration');
  }

  let source: string | null = settings === null ? null : 'configuration';
  if (context.capabilities.live && context.capabilities.exec && installed) {
    const result = await runSshdT(host);
    const effective = typeof result !== 'string' && result.exitCode === 0 && !result.timedOut ? fromSshdT(result.stdout, decided, evidence) : undefined;
    if (effective !== undefined) {
      settings = effective;
      source = 'sshd -T';
    } else {
      reasons.push(`sshd -T did not work (${typeof result === 'string' ? result : whyFailed(result)}): settings parsed from the configuration files`);
    }
  }
  if (source === 'configuration') evidence.push(...fileEvidence);

  const passwordLogin = passwordLoginOf(settings);

  return {
    installed,
    enabled,
    running,
    active,
    permitRootLogin: settings?.permitRootLogin ?? null,
    passwordAuthentication: settings?.passwordAuthentication ?? null,
    kbdInteractiveAuthentication: settings?.kbdInteractiveAuthentication ?? null,
    permitEmptyPasswords: settings?.permitEmptyPasswords ?? null,
    usePam: settings?.usePam ?? null,
    passwordLogin,
    ports: settings?.ports ?? null,
    matchBlocks,
    source,
    evidence,
    reasons,
  };
};

export const sshServer = defineProbe({
  id: 'ssh-server',
  title: 'SSH server',
  needs: ['read'],
  facts,
  reads: { linux: linuxReads },
  collect: {
    linux: async (host, context) => ok(await collectLinux(host, context)),
  },
});

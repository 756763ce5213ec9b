/**
 * Pure parsers for the files central-management agents and directory joins leave behind.
 * Every parser is tolerant: malformed input gives empty or null answers, never an exception.
 */
import { parseDocument } from 'yaml';
import { iniSections, readIni } from '../../platform/codecs/ini.js';

/** INI sections → lower-cased key → value (last one wins). Keys before any section go to ''. */
export type Ini = Map<string, Map<string, string>>;

/**
 * INI as puppet.conf, Landscape's client.conf, sssd.conf, smb.conf and FreeIPA's default.conf
 * write it: `[section]`, `key = value`, comments with `#` or `;` at the start of a line.
 * Section and key names are compared case-insensitively (smb.conf and sssd.conf are).
 */
export const parseIni = (text: string): Ini => iniSections(readIni(text), { wins: 'last', foldSections: true, foldKeys: true });

/** A non-empty value of `key` in `section`, or null. */
export const iniValue = (ini: Ini, section: string, key: string): string | null => {
  const value = ini.get(section.toLowerCase())?.get(key.toLowerCase());
  return value === undefined || value === '' ? null : value;
};

const splitList = (value: string): string[] =>
  value
    .split(/[,\s]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');

// ---------------------------------------------------------------- Puppet

export interface PuppetConf {
  /** The server the agent reports to: `server`, else the first of `server_list`, [agent] before [main]. */
  server: string | null;
  /** Where it came from, e.g. `[agent] server`. */
  source: string | null;
  /** Settings that move the files this probe reads. */
  ssldir: string | null;
  vardir: string | null;
  publicdir: string | null;
  lastrunfile: string | null;
}

export const parsePuppetConf = (text: string): PuppetConf => {
  const ini = parseIni(text);
  let server: string | null = null;
  let source: string | null = null;
  for (const section of ['agent', 'main', 'user']) {
    const direct = iniValue(ini, section, 'server');
    const list = iniValue(ini, section, 'server_list');
    if (direct !== null) {
      server = direct;
      source = `[${section}] server`;
    } else if (list !== null) {
      server = (splitList(list)[0] ?? '').replace(/:\d+$/, '') || null;
      source = server === null ? null : `[${section}] server_list`;
    }
    if (server !== null) break;
  }
  const setting = (key: string): string | null => iniValue(ini, 'agent', key) ?? iniValue(ini, 'main', key);
  return {
    server,
    source,
    ssldir: setting('ssldir'),
    vardir: setting('vardir'),
    publicdir: setting('publicdir'),
    lastrunfile: setting('lastrunfile'),
  };
};

export interface PuppetRunSummary {
  /** `time.last_run` as an ISO date. */
  lastRun: string | null;
  /** `application.run_mode`: `agent` for `puppet agent`, `user` for `puppet apply`; null in old summaries. */
  runMode: string | null;
  puppetVersion: string | null;
  /** `resources.failed` + `events.failure`, when present. */
  failures: number | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const field = (value: unknown, ...path: string[]): unknown => {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
};

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const stringOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null);

/** A YAML document, or undefined when it does not parse (as the agent itself would refuse it). */
const safeYaml = (text: string): unknown => {
  try {
    const doc = parseDocument(text, { uniqueKeys: false, logLevel: 'silent' });
    return doc.errors.length > 0 ? undefined : (doc.toJS() as unknown);
  } catch {
    return undefined;
  }
};

/** Epoch seconds → ISO, or null when out of any plausible range. */
export const epochToIso = (seconds: number | null): string | null =>
  seconds === null || seconds <= 0 || seconds > 32503680000 ? null : new Date(seconds * 1000).toISOString();

/** Puppet's `last_run_summary.yaml` (the `lastrunfile`). */
export const parsePuppetRunSummary = (text: string): PuppetRunSummary => {
  const doc = safeYaml(text);
  const failed = numberOrNull(field(doc, 'resources', 'failed'));
  const failure = numberOrNull(field(doc, 'events', 'failure'));
  return {
    lastRun: epochToIso(numberOrNull(field(doc, 'time', 'last_run'))),
    runMode: stringOrNull(field(doc, 'application', 'run_mode')),
    puppetVersion: stringOrNull(field(doc, 'version', 'puppet')),
    failures: failed === null && failure === null ? null : (failed ?? 0) + (failure ?? 0),
  };
};

/** Certificates in Puppet's `ssldir/certs`: the agent's own (anything but ca.pem) proves the CA signed it. */
export const puppetAgentCerts = (certsDirEntries: readonly string[]): string[] =>
  certsDirEntries.filter((name) => name.endsWith('.pem') && name !== 'ca.pem').sort();

// ---------------------------------------------------------------- Chef

export interface ChefClientRb {
  server: string | null;
  clientKey: string | null;
}

const rubyString = (text: string, key: string): string | null => {
  const match = new RegExp(`^[ \\t]*${key}[ \\t]*(?:=[ \\t]*)?(?:\\(\\s*)?(["'])([^"'\\n]*)\\1`, 'm').exec(text);
  return match?.[2] === undefined || match[2] === '' ? null : match[2];
};

/** `/etc/chef/client.rb` (Ruby DSL): the literal `chef_server_url` and `client_key`; anything computed is ignored. */
export const parseChefClientRb = (text: string): ChefClientRb => ({
  server: rubyString(text, 'chef_server_url'),
  clientKey: rubyString(text, 'client_key'),
});

// ---------------------------------------------------------------- Salt

/** `master:` of a Salt minion configuration file (YAML): a name or a list of names. */
export const parseSaltMaster = (text: string): string[] => {
  const master = field(safeYaml(text), 'master');
  if (typeof master === 'string' && master.trim() !== '') return [master.trim()];
  if (Array.isArray(master)) return master.filter((m): m is string => typeof m === 'string' && m.trim() !== '').map((m) => m.trim());
  return [];
};

// ---------------------------------------------------------------- Intune

export interface IntuneRegistration {
  /** A user signed in to the Intune app. */
  accountHint: string | null;
  /** The device is registered with Microsoft Entra ID. */
  aadDeviceHint: string | null;
  /** The device is enrolled in Intune (MDM). */
  deviceHint: string | null;
}

/** Flat `key = 'value'` / `key = "value"` TOML, as intune-portal writes registration.toml. */
export const parseFlatToml = (text: string): Map<string, string> => {
  const values = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z0-9_.-]+)\s*=\s*(?:'([^']*)'|"((?:[^"\\]|\\.)*)"|([^#\s][^#]*?))\s*(?:#.*)?$/.exec(raw);
    if (!match?.[1]) continue;
    values.set(match[1], match[2] ?? match[3] ?? match[4] ?? '');
  }
  return values;
};

export const parseIntuneRegistration = (text: string): IntuneRegistration => {
  const toml = parseFlatToml(text);
  const hint = (key: string): string | null => {
    const value = toml.get(key)?.trim();
    return value === undefined || value === '' ? null : value;
  };
  return { accountHint: hint('account_hint'), aadDeviceHint: hint('aad_device_hint'), deviceHint: hint('device_hint') };
};

// ---------------------------------------------------------------- Wazuh

/** Values the packaged agent configuration carries until someone names a manager. */
const wazuhPlaceholders = new Set(['ip', 'manager_ip', 'server_ip', '']);

/** Manager addresses in `ossec.conf`: every `<client><server><address>` (also the old `<client><server-ip>`). */
export const parseWazuhManagers = (text: string): string[] => {
  const withoutComments = text.replace(/<!--[\s\S]*?-->/g, '');
  const addresses: string[] = [];
  for (const client of withoutComments.matchAll(/<client>([\s\S]*?)<\/client>/g)) {
    const body = client[1] ?? '';
    for (const match of body.matchAll(/<(address|server-ip|server-hostname)>\s*([^<]*?)\s*<\/\1>/g)) {
      const address = match[2] ?? '';
      if (!wazuhPlaceholders.has(address.toLowerCase())) addresses.push(address);
    }
  }
  return [...new Set(addresses)];
};

export interface WazuhState {
  status: string | null;
  /** Local time of the agent, as written (`YYYY-MM-DD HH:MM:SS`, no zone). */
  lastKeepalive: string | null;
  lastAck: string | null;
}

/** `wazuh-agentd.state`: shell-style `key='value'` lines. */
export const parseWazuhState = (text: string): WazuhState => {
  const values = new Map<string, string>();
  for (const match of text.matchAll(/^\s*([a-z_]+)\s*=\s*'([^']*)'\s*$/gm)) values.set(match[1] ?? '', match[2] ?? '');
  const get = (key: string): string | null => {
    const value = values.get(key);
    return value === undefined || value === '' ? null : value;
  };
  return { status: get('status'), lastKeepalive: get('last_keepalive'), lastAck: get('last_ack') };
};

/**
 * A zone-less `YYYY-MM-DD HH:MM:SS` as ISO, reading it as UTC (the agent writes its local time; the
 * target's zone is not known here, so the answer can be off by the zone offset).
 */
export const naiveDateToIso = (value: string | null): string | null => {
  const match = value === null ? null : /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(ms) || y < 1971 ? null : new Date(ms).toISOString();
};

// ---------------------------------------------------------------- Fleet (orbit), osquery, Kolide

/** `KEY=value` lines as in /etc/default/*: optional `export`, optional single or double quotes. */
export const parseEnvFile = (text: string): Map<string, string> => {
  const values = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"]*)"|'([^']*)'|(\S*))\s*(?:#.*)?$/.exec(raw);
    if (match?.[1]) values.set(match[1], match[2] ?? match[3] ?? match[4] ?? '');
  }
  return values;
};

/**
 * osquery / Kolide launcher flag files: one flag a line, `--name=value`, `--name value` or (launcher)
 * `name value`. Comments start with `#`. Names are returned without dashes.
 */
export const parseFlagFile = (text: string): Map<string, string> => {
  const flags = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^-{0,2}([A-Za-z0-9_.-]+)(?:\s*=\s*|\s+)?(.*)$/.exec(line);
    if (!match?.[1]) continue;
    flags.set(match[1], (match[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2'));
  }
  return flags;
};

// ---------------------------------------------------------------- Ubuntu Pro

export interface UbuntuProStatus {
  attached: boolean | null;
  account: string | null;
  contractUrl: string | null;
}

/** `/var/lib/ubuntu-advantage/status.json`, the cache `pro status` writes. */
export const parseUbuntuProStatus = (text: string): UbuntuProStatus => {
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch {
    return { attached: null, account: null, contractUrl: null };
  }
  const attached = field(doc, 'attached');
  return {
    attached: typeof attached === 'boolean' ? attached : null,
    account: stringOrNull(field(doc, 'account', 'name')),
    contractUrl: stringOrNull(field(doc, 'config', 'contract_url')),
  };
};

// ---------------------------------------------------------------- CFEngine / Rudder

/** `policy_server.dat`: the policy hub's address on the first non-empty line. */
export const parsePolicyServer = (text: string): string | null => {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#'));
  return line ?? null;
};

// ---------------------------------------------------------------- ansible-pull

export interface AnsiblePullJob {
  /** The repository it pulls from (`-U`/`--url`), or null when the line does not say. */
  url: string | null;
  /** The line (trimmed) that runs it. */
  line: string;
}

/** Lines of a crontab or a systemd unit that run `ansible-pull`. */
export const findAnsiblePull = (text: string): AnsiblePullJob[] => {
  const jobs: AnsiblePullJob[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#') || !/(^|[\s/=])ansible-pull(\s|$)/.test(line)) continue;
    const url = /(?:^|\s)(?:-U|--url)(?:\s+|=)(["']?)(\S+?)\1(?=\s|$)/.exec(line)?.[2] ?? null;
    jobs.push({ url, line });
  }
  return jobs;
};

// ---------------------------------------------------------------- Directory join

export interface SssdConf {
  /** `[sssd] domains`. */
  domains: string[];
  /** `id_provider` of each configured domain section. */
  providers: Map<string, string>;
  /** realmd wrote it (`realmd_tags` in a domain section). */
  realmd: boolean;
}

export const parseSssdConf = (text: string): SssdConf => {
  const ini = parseIni(text);
  const domains = splitList(iniValue(ini, 'sssd', 'domains') ?? '');
  const providers = new Map<string, string>();
  let realmd = false;
  for (const [name, values] of ini) {
    if (!name.startsWith('domain/')) continue;
    const provider = values.get('id_provider');
    if (provider !== undefined) providers.set(name.slice('domain/'.length), provider);
    if (values.has('realmd_tags')) realmd = true;
  }
  return { domains, providers, realmd };
};

export interface SambaJoin {
  /** `security = ads` (Active Directory member) or `domain` (NT4-style member). */
  security: string | null;
  realm: string | null;
  workgroup: string | null;
}

export const parseSmbConf = (text: string): SambaJoin => {
  const ini = parseIni(text);
  return {
    security: iniValue(ini, 'global', 'security')?.toLowerCase() ?? null,
    realm: iniValue(ini, 'global', 'realm'),
    workgroup: iniValue(ini, 'global', 'workgroup'),
  };
};

export interface IpaDefault {
  realm: string | null;
  domain: string | null;
  server: string | null;
}

/** FreeIPA client `/etc/ipa/default.conf`. */
export const parseIpaDefault = (text: string): IpaDefault => {
  const ini = parseIni(text);
  return {
    realm: iniValue(ini, 'global', 'realm'),
    domain: iniValue(ini, 'global', 'domain'),
    server: iniValue(ini, 'global', 'server') ?? iniValue(ini, 'global', 'xmlrpc_uri'),
  };
};

/** Pure parsers for /proc/<pid>/* files and Element-style config.json. No I/O. */

/** `/proc/<pid>/comm`: the kernel's task name (at most 15 bytes), newline-terminated. */
export const parseComm = (text: string): string => text.replace(/\n$/, '');

/**
 * `/proc/<pid>/cmdline`: arguments separated and terminated by NUL. Processes that rewrite their
 * title (Chromium/Electron helpers, node's `process.title`) leave one space-separated string
 * followed by NUL padding; trailing empty strings are dropped.
 */
export const parseCmdline = (raw: string): string[] => {
  const argv = raw.split('\0');
  while (argv.length > 0 && argv[argv.length - 1] === '') argv.pop();
  return argv;
};

export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** `/proc/<pid>/exe` link target without the kernel's ` (deleted)` suffix for replaced binaries. */
export const exePath = (link: string): string => link.replace(/ \(deleted\)$/, '');

/**
 * Basenames argv[0] can stand for: its own basename, and, when the process rewrote its title into
 * one space-separated string, the basename of the first word too.
 */
export const argv0Names = (argv: readonly string[]): string[] => {
  const first = argv[0];
  if (first === undefined || first === '') return [];
  const names = [baseName(first)];
  if (argv.length === 1 && first.includes(' ')) {
    const word = first.split(' ')[0] ?? '';
    if (word !== '') names.push(baseName(word));
  }
  return [...new Set(names.filter((n) => n !== ''))];
};

/** The real uid from the `Uid:` line of `/proc/<pid>/status` (real, effective, saved, fs). */
export const parseStatusUid = (text: string): number | null => {
  const match = /^Uid:\s+(\d+)/m.exec(text);
  return match?.[1] === undefined ? null : Number(match[1]);
};

export interface CgroupApp {
  /** Flatpak application id from an `app-flatpak-<id>-<n>.scope` unit. */
  flatpak: string | null;
  /** Snap name from a `snap.<name>.<app>…` unit. */
  snap: string | null;
}

/** systemd unit-name escapes (`\x2d` for `-` and friends). */
const unescapeUnit = (name: string): string =>
  name.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

const flatpakUnit = /^app-flatpak-(.+?)(?:-\d+\.scope|@[^/]*\.service)$/;
const snapUnit = /^snap\.([a-z0-9][a-z0-9-]*)\.[^/]+\.(?:scope|service)$/;

/**
 * `/proc/<pid>/cgroup`: lines `hierarchy-id:controllers:path` (cgroup v1 and v2 alike). The app
 * is named by a systemd unit somewhere in a path.
 */
export const parseCgroup = (text: string): CgroupApp => {
  const result: CgroupApp = { flatpak: null, snap: null };
  for (const line of text.split('\n')) {
    const path = line.split(':').slice(2).join(':');
    for (const segment of path.split('/')) {
      const flatpak = flatpakUnit.exec(segment)?.[1];
      if (flatpak !== undefined && result.flatpak === null) result.flatpak = unescapeUnit(flatpak);
      const snap = snapUnit.exec(segment)?.[1];
      if (snap !== undefined && result.snap === null) result.snap = snap;
    }
  }
  return result;
};

export interface MatrixConfig {
  /** Homeserver name (server_name, else the host of base_url); null when the file has none. */
  homeserver: string | null;
  brand: string | null;
  /** Set when the file is not a JSON object. */
  error?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const stringField = (object: unknown, key: string): string | null => {
  if (!isObject(object)) return null;
  const value = object[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

const hostOf = (url: string | null): string | null => {
  if (url === null) return null;
  try {
    const host = new URL(url).hostname;
    return host === '' ? null : host;
  } catch {
    return null;
  }
};

/**
 * An Element-style `config.json`: `default_server_config["m.homeserver"].server_name`, else the
 * host of its `base_url`; older configs name the server in `default_server_name` or
 * `default_hs_url`. Never throws: malformed JSON yields `homeserver: null` and an `error`.
 */
export const parseMatrixConfig = (text: string): MatrixConfig => {
  let config: unknown;
  try {
    config = JSON.parse(text) as unknown;
  } catch (error) {
    return { homeserver: null, brand: null, error: `invalid JSON: ${(error as Error).message}` };
  }
  if (!isObject(config)) return { homeserver: null, brand: null, error: 'not a JSON object' };
  const serverConfig = config.default_server_config;
  const homeserverConfig = isObject(serverConfig) ? serverConfig['m.homeserver'] : undefined;
  const homeserver =
    stringField(homeserverConfig, 'server_name') ??
    hostOf(stringField(homeserverConfig, 'base_url')) ??
    stringField(config, 'default_server_name') ??
    hostOf(stringField(config, 'default_hs_url'));
  return { homeserver: homeserver?.toLowerCase() ?? null, brand: stringField(config, 'brand') };
};

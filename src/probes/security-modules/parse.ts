/**
 * Pure parsers for the Linux security-module (AppArmor, SELinux) sources: securityfs and sysfs
 * files, the kernel command line, /etc/selinux/config, /etc/default/grub and AppArmor profile files.
 */

/** `/sys/module/apparmor/parameters/enabled`: `Y` or `N`; null for anything else. */
export const parseYesNo = (text: string): boolean | null => {
  const value = text.trim();
  if (value === 'Y') return true;
  if (value === 'N') return false;
  return null;
};

/** `/sys/kernel/security/lsm`: the active LSMs in order, e.g. `lockdown,capability,landlock,bpf`. */
export const parseLsmList = (text: string): string[] =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');

export type ProfileMode = 'enforce' | 'complain' | 'kill' | 'unconfined';

export interface ProfileCounts {
  /** Every listed profile, whatever its mode (child profiles `a//b` included, as aa-status counts them). */
  loaded: number;
  enforce: number;
  complain: number;
  kill: number;
  unconfined: number;
}

/**
 * `/sys/kernel/security/apparmor/profiles`: one `NAME (MODE)` line per loaded profile. The mode is
 * the last parenthesised group (names may contain spaces and parentheses).
 */
export const parseAppArmorProfiles = (text: string): ProfileCounts => {
  const counts: ProfileCounts = { loaded: 0, enforce: 0, complain: 0, kill: 0, unconfined: 0 };
  for (const line of text.split('\n')) {
    const match = /^(.+) \(([a-z_]+)\)$/.exec(line.trim());
    if (!match) continue;
    counts.loaded += 1;
    const mode = match[2];
    if (mode === 'enforce' || mode === 'complain' || mode === 'kill' || mode === 'unconfined') counts[mode] += 1;
  }
  return counts;
};

export type SelinuxMode = 'enforcing' | 'permissive' | 'disabled';

/** `/sys/fs/selinux/enforce`: `1` enforcing, `0` permissive. */
export const parseSelinuxEnforce = (text: string): SelinuxMode | null => {
  const value = text.trim();
  if (value === '1') return 'enforcing';
  if (value === '0') return 'permissive';
  return null;
};

const unquote = (value: string): string => {
  const trimmed = value.trim();
  const match = /^"(.*)"$/.exec(trimmed) ?? /^'(.*)'$/.exec(trimmed);
  return match?.[1] ?? trimmed;
};

export interface SelinuxConfig {
  mode: SelinuxMode | null;
  policy: string | null;
}

/** `/etc/selinux/config`: `SELINUX=enforcing|permissive|disabled`, `SELINUXTYPE=NAME` (last one wins). */
export const parseSelinuxConfig = (text: string): SelinuxConfig => {
  let mode: SelinuxMode | null = null;
  let policy: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#')) continue;
    const match = /^(SELINUX|SELINUXTYPE)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const value = unquote(match[2] ?? '').toLowerCase();
    if (match[1] === 'SELINUX') mode = value === 'enforcing' || value === 'permissive' || value === 'disabled' ? value : null;
    else policy = value === '' ? null : unquote(match[2] ?? '');
  }
  return { mode, policy };
};

/** The security-relevant kernel parameters (the last occurrence of each wins, as in the kernel). */
export interface SecurityParameters {
  apparmor: string | null;
  selinux: string | null;
  enforcing: string | null;
  security: string | null;
  lsm: string[] | null;
  /** The parameters found, as written, for evidence. */
  found: string[];
}

/** Kernel command line (or a GRUB_CMDLINE_LINUX value): stops at `--`, after which arguments go to init. */
export const parseSecurityParameters = (text: string): SecurityParameters => {
  const result: SecurityParameters = { apparmor: null, selinux: null, enforcing: null, security: null, lsm: null, found: [] };
  for (const token of text.trim().split(/\s+/)) {
    if (token === '--') break;
    const match = /^(apparmor|selinux|enforcing|security|lsm)=(.*)$/.exec(token);
    if (!match) continue;
    const value = unquote(match[2] ?? '');
    result.found.push(`${match[1]}=${value}`);
    if (match[1] === 'lsm') result.lsm = parseLsmList(value);
    else if (match[1] === 'apparmor' || match[1] === 'selinux' || match[1] === 'enforcing' || match[1] === 'security') result[match[1]] = value;
  }
  return result;
};

/**
 * `/etc/default/grub` (and `/etc/default/grub.d/*.cfg`, in order): the kernel parameters GRUB adds,
 * GRUB_CMDLINE_LINUX then GRUB_CMDLINE_LINUX_DEFAULT. `$GRUB_CMDLINE_LINUX` references to the
 * previous value (the usual way grub.d snippets append) are expanded.
 */
export const parseGrubCmdline = (texts: readonly string[]): { linux: string; linuxDefault: string } => {
  const values: Record<'GRUB_CMDLINE_LINUX' | 'GRUB_CMDLINE_LINUX_DEFAULT', string> = {
    GRUB_CMDLINE_LINUX: '',
    GRUB_CMDLINE_LINUX_DEFAULT: '',
  };
  for (const text of texts) {
    for (const raw of text.split('\n')) {
      const match = /^\s*(?:export\s+)?(GRUB_CMDLINE_LINUX(?:_DEFAULT)?)=(.*)$/.exec(raw);
      if (!match) continue;
      const key = match[1] === 'GRUB_CMDLINE_LINUX' ? 'GRUB_CMDLINE_LINUX' : 'GRUB_CMDLINE_LINUX_DEFAULT';
      const value = unquote((match[2] ?? '').replace(/\s+#.*$/, ''))
        .replace(/\$\{?GRUB_CMDLINE_LINUX_DEFAULT\}?/g, values.GRUB_CMDLINE_LINUX_DEFAULT)
        .replace(/\$\{?GRUB_CMDLINE_LINUX\}?/g, values.GRUB_CMDLINE_LINUX);
      values[key] = value.trim();
    }
  }
  return { linux: values.GRUB_CMDLINE_LINUX, linuxDefault: values.GRUB_CMDLINE_LINUX_DEFAULT };
};

/** Files in /etc/apparmor.d that apparmor_parser skips (see apparmor.d(5) and the rc.apparmor functions). */
export const isProfileFileName = (name: string): boolean =>
  !name.startsWith('.') && name !== 'README' && !name.endsWith('~') && !/\.(dpkg-(new|old|dist|bak|remove)|rpmnew|rpmsave|orig|rej|pacsave|pacnew)$/.test(name);

/**
 * The mode an AppArmor profile file loads in, from the `flags=(...)` of its first profile header:
 * `complain`, `kill` or `unconfined` when flagged so, otherwise `enforce`. Null when the file
 * declares no profile.
 */
export const profileFileMode = (text: string): ProfileMode | null => {
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const header = /^(?:profile\s+\S+|\/\S*|"[^"]+"|@\{[^}]+\}\S*)(.*)\{\s*$/.exec(line);
    if (!header) continue;
    const flags = /flags\s*=\s*\(([^)]*)\)/.exec(header[1] ?? '');
    const list = (flags?.[1] ?? '').split(/[\s,]+/);
    if (list.includes('kill')) return 'kill';
    if (list.includes('unconfined')) return 'unconfined';
    if (list.includes('complain')) return 'complain';
    return 'enforce';
  }
  return null;
};

/** Pure parsers for the `os` probe: os-release, ELF headers, dpkg architecture names, container hints. */

/**
 * One os-release value, read the way os-release(5) says a shell would: single quotes are literal,
 * double quotes honour `\$ \" \\ \``, a backslash outside quotes escapes the next character, and
 * unquoted whitespace ends the value. Variable expansion is not supported (the spec forbids it).
 */
const unquoteShell = (raw: string): string => {
  let out = '';
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charAt(i);
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else out += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < raw.length && '$"\\`'.includes(raw.charAt(i + 1))) out += raw.charAt(++i);
      else out += c;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '\\') {
      if (i + 1 < raw.length) out += raw.charAt(++i);
    } else if (c === ' ' || c === '\t') {
      break;
    } else {
      out += c;
    }
  }
  return out;
};

/** `KEY=value` assignments of an os-release file; comments, blank and malformed lines are skipped. */
export const parseOsRelease = (text: string): Record<string, string> => {
  const fields: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match?.[1] || match[2] === undefined) continue;
    fields[match[1]] = unquoteShell(match[2]);
  }
  return fields;
};

export type OsReleaseFacts = {
  distribution: string | null;
  distributionName: string | null;
  distributionLike: string[];
  version: string | null;
  codename: string | null;
};

const nonEmpty = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);

/** The distribution facts an os-release file gives; ID defaults to "linux" only when the file exists. */
export const osReleaseFacts = (fields: Record<string, string>): OsReleaseFacts => ({
  distribution: nonEmpty(fields.ID) ?? 'linux',
  distributionName: nonEmpty(fields.PRETTY_NAME) ?? nonEmpty(fields.NAME),
  distributionLike: (fields.ID_LIKE ?? '').split(/\s+/).filter((id) => id !== ''),
  version: nonEmpty(fields.VERSION_ID),
  codename: nonEmpty(fields.VERSION_CODENAME) ?? nonEmpty(fields.UBUNTU_CODENAME),
});

/** First line of a small /proc or /etc file, trimmed; null when absent or empty. */
export const firstLine = (text: string | undefined): string | null => {
  const line = text?.split('\n')[0]?.trim();
  return line ? line : null;
};

/**
 * Machine name (as `uname -m` spells it) from an ELF header: e_machine at offset 18, read in the
 * file's byte order (EI_DATA), with EI_CLASS telling 32 from 64 bits. Null for anything else.
 */
export const elfMachine = (header: Uint8Array): string | null => {
  if (header.length < 20 || header[0] !== 0x7f || header[1] !== 0x45 || header[2] !== 0x4c || header[3] !== 0x46) {
    return null;
  }
  const is64 = header[4] === 2;
  const littleEndian = header[5] === 1;
  const lo = header[littleEndian ? 18 : 19] ?? 0;
  const hi = header[littleEndian ? 19 : 18] ?? 0;
  switch (lo | (hi << 8)) {
    case 0x3e:
      return 'x86_64';
    case 0xb7:
      return 'aarch64';
    case 0x03:
      return 'i686';
    case 0x28:
      return 'arm';
    case 0x15:
      return littleEndian ? 'ppc64le' : 'ppc64';
    case 0x14:
      return 'ppc';
    case 0x16:
      return is64 ? 's390x' : 's390';
    case 0xf3:
      return is64 ? 'riscv64' : 'riscv32';
    case 0x08:
      return is64 ? 'mips64' : 'mips';
    case 0x102:
      return 'loongarch64';
    default:
      return null;
  }
};

const dpkgToMachine: Readonly<Record<string, string>> = {
  amd64: 'x86_64',
  arm64: 'aarch64',
  armhf: 'armv7l',
  armel: 'arm',
  i386: 'i686',
  ppc64el: 'ppc64le',
  ppc64: 'ppc64',
  s390x: 's390x',
  riscv64: 'riscv64',
  mips64el: 'mips64',
  mipsel: 'mips',
  loong64: 'loongarch64',
};

/** Native architecture from /var/lib/dpkg/arch (first line), in `uname -m` spelling. */
export const dpkgArchMachine = (text: string | undefined): string | null => {
  const arch = firstLine(text);
  if (arch === null) return null;
  return dpkgToMachine[arch] ?? arch;
};

const containerCgroup = /(?:^|[/.-])(docker|kubepods|lxc|libpod|containerd|crio|garden|actions_job)(?:[/.:-]|$)/;

/** A container runtime named in /proc/1/cgroup's paths (the third field of each line), or null. */
export const cgroupContainerHint = (text: string): string | null => {
  for (const line of text.split('\n')) {
    const path = line.split(':').slice(2).join(':');
    const match = containerCgroup.exec(path);
    if (match?.[1]) return match[1];
  }
  return null;
};

export type RootMount = { root: string; fsType: string; source: string };

/** The filesystem mounted on / in a mountinfo file (the last such line wins, as the kernel stacks them). */
export const rootMount = (mountinfo: string): RootMount | null => {
  let found: RootMount | null = null;
  for (const line of mountinfo.split('\n')) {
    const [left, right] = line.split(' - ');
    const fields = left?.split(' ') ?? [];
    const after = right?.split(' ') ?? [];
    if (fields[4] === '/' && fields[3] !== undefined && after[0] !== undefined && after[1] !== undefined) {
      found = { root: fields[3], fsType: after[0], source: after[1] };
    }
  }
  return found;
};

/** A root filesystem that is a whole block device mounted at its own root: what a VM or bare metal has. */
export const isBlockDeviceRoot = (mount: RootMount): boolean =>
  mount.root === '/' && mount.source.startsWith('/dev/') && !['overlay', 'aufs', 'tmpfs', 'fuse-overlayfs'].includes(mount.fsType);

export type UbuntuProFacts = { attached: boolean; enabledServices: string[] };

/**
 * Ubuntu Pro from `/var/lib/ubuntu-advantage/status.json`, the cache the Pro client writes (fields
 * `attached` and `services[].name` / `services[].status`, as in canonical/ubuntu-pro-client
 * `features/schemas/ua_status.json`). Null when the text is not such a document: no evidence.
 */
export const ubuntuProFacts = (text: string): UbuntuProFacts | null => {
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch {
    return null;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return null;
  const { attached, services } = doc as { attached?: unknown; services?: unknown };
  if (typeof attached !== 'boolean') return null;
  const enabled = Array.isArray(services)
    ? services.flatMap((s: unknown) => {
        if (typeof s !== 'object' || s === null) return [];
        const { name, status } = s as { name?: unknown; status?: unknown };
        return typeof name === 'string' && status === 'enabled' ? [name] : [];
      })
    : [];
  return { attached, enabledServices: [...new Set(enabled)].sort() };
};

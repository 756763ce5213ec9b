/** `cryptsetup status <name>` (root only). Format: cryptsetup's action_status, quoted in reference/probes.md §1.2. */
import type { Scheme } from './types.js';

export type CryptsetupStatus = {
  active: boolean;
  inUse: boolean;
  type: string | null;
  cipher: string | null;
  keyBits: number | null;
  device: string | null;
  keyLocation: string | null;
};

/** Undefined unless the first line is `<device> is active[ and is in use].` or `<device> is inactive.` */
export const parseCryptsetupStatus = (stdout: string): CryptsetupStatus | undefined => {
  const lines = stdout.split('\n');
  const head = /^(\S+) is (active|inactive)( and is in use)?\.\s*$/.exec(lines[0] ?? '');
  if (!head) return undefined;
  const fields = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const match = /^\s+([a-z][a-z ]*?):\s*(.*?)\s*$/.exec(line);
    if (match?.[1] && match[2] !== undefined) fields.set(match[1], match[2]);
  }
  const keysize = /^(\d+) bits$/.exec(fields.get('keysize') ?? '');
  const type = fields.get('type');
  const cipher = fields.get('cipher');
  return {
    active: head[2] === 'active',
    inUse: head[3] !== undefined,
    type: type && type !== 'n/a' ? type : null,
    cipher: cipher ? cipher : null,
    keyBits: keysize?.[1] ? Number(keysize[1]) : null,
    device: fields.get('device') ?? null,
    keyLocation: fields.get('key location') ?? null,
  };
};

export const cryptsetupScheme = (type: string | null): Scheme | null => {
  if (type === null) return null;
  switch (type.toUpperCase()) {
    case 'LUKS1':
      return 'luks1';
    case 'LUKS2':
      return 'luks2';
    case 'PLAIN':
      return 'plain';
    default:
      return 'dm-crypt';
  }
};

/**
 * A minimal ustar writer for tests that need archives no well-behaved tool would write (entries
 * with `../` names, absolute paths, hard links out of the tree, devices, lying sizes). Long names
 * use a pax `path` record. Follows POSIX.1-2001 ustar/pax (IEEE Std 1003.1, "pax" format).
 */

export interface TarSpec {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'hardlink' | 'char' | 'fifo';
  content?: string | Buffer;
  linkName?: string;
  mode?: number;
  /** Size written in the header when it must lie about the content. */
  declaredSize?: number;
}

const typeFlags = { file: '0', hardlink: '1', symlink: '2', char: '3', directory: '5', fifo: '6' } as const;

const octal = (value: number, length: number): string => value.toString(8).padStart(length - 1, '0') + '\0';

const header = (name: string, flag: string, size: number, mode: number, linkName: string): Buffer => {
  const buffer = Buffer.alloc(512);
  buffer.write(name.slice(0, 100), 0, 'utf8');
  buffer.write(octal(mode, 8), 100, 'ascii');
  buffer.write(octal(0, 8), 108, 'ascii');
  buffer.write(octal(0, 8), 116, 'ascii');
  if (size > 0o77777777777) {
    // GNU base-256 for sizes that do not fit 11 octal digits.
    buffer[124] = 0x80;
    let rest = size;
    for (let i = 135; i > 124; i -= 1) {
      buffer[i] = rest % 256;
      rest = Math.floor(rest / 256);
    }
  } else {
    buffer.write(octal(size, 12), 124, 'ascii');
  }
  buffer.write(octal(1_700_000_000, 12), 136, 'ascii');
  buffer.write('        ', 148, 'ascii');
  buffer.write(flag, 156, 'ascii');
  buffer.write(linkName.slice(0, 100), 157, 'utf8');
  buffer.write('ustar\0', 257, 'ascii');
  buffer.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of buffer) sum += byte;
  buffer.write(octal(sum, 7) + ' ', 148, 'ascii');
  return buffer;
};

const pad = (length: number): Buffer => Buffer.alloc((512 - (length % 512)) % 512);

const paxRecord = (key: string, value: string): string => {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length = String(length).length + body.length;
  return `${String(length)}${body}`;
};

/** The archive's bytes, ending with the two zero blocks unless `truncate` is set. */
export const tarBytes = (entries: readonly TarSpec[], options: { truncate?: boolean } = {}): Buffer => {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const content = Buffer.from(entry.content ?? '');
    const size = type === 'file' ? content.length : 0;
    if (Buffer.byteLength(entry.name) > 100) {
      const pax = Buffer.from(paxRecord('path', entry.name));
      parts.push(header('PaxHeader', 'x', pax.length, 0o644, ''), pax, pad(pax.length));
    }
    parts.push(header(entry.name, typeFlags[type], entry.declaredSize ?? size, entry.mode ?? (type === 'directory' ? 0o755 : 0o644), entry.linkName ?? ''));
    if (size > 0) parts.push(content, pad(content.length));
  }
  if (options.truncate !== true) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
};

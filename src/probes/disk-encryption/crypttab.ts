/** /etc/crypttab, as described in crypttab(5): `name device [keyfile [options]]`. */
import { tableRows } from './fstab.js';
import type { Scheme } from './types.js';

export type CrypttabEntry = { name: string; device: string; keyfile: string | null; options: string[] };

export const parseCrypttab = (text: string): CrypttabEntry[] =>
  tableRows(text).flatMap(([name, device, keyfile, options]) =>
    name && device
      ? [
          {
            name,
            device,
            keyfile: keyfile === undefined || keyfile === 'none' || keyfile === '-' ? null : keyfile,
            options: (options ?? '').split(',').filter((option) => option !== ''),
          },
        ]
      : [],
  );

/** Scheme a crypttab entry asks for; `luks` does not say which LUKS version, so it is plain `dm-crypt`. */
export const crypttabScheme = (entry: CrypttabEntry): Scheme => (entry.options.includes('plain') ? 'plain' : 'dm-crypt');

/** Entries recreated with a random key at each boot (swap, /tmp): they cannot hold / or /home. */
export const isVolatile = (entry: CrypttabEntry): boolean =>
  entry.options.includes('swap') ||
  entry.options.includes('tmp') ||
  entry.options.some((option) => option.startsWith('tmp=')) ||
  entry.keyfile === '/dev/urandom' ||
  entry.keyfile === '/dev/random';

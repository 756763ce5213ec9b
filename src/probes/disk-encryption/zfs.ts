/** `zfs get -H -o value encryption <dataset>`: one line, `off` or a cipher such as `aes-256-gcm`. */
import type { Verdict } from './types.js';

export const zfsVerdict = (dataset: string, stdout: string): Verdict | undefined => {
  const value = stdout.split('\n')[0]?.trim();
  if (!value || value === '-') return undefined;
  if (value === 'off') {
    return {
      encrypted: null,
      scheme: null,
      cipher: null,
      keyBits: null,
      via: `zfs ${dataset} encryption=off; the pool's own devices were not examined`,
    };
  }
  const bits = /(\d+)/.exec(value);
  return {
    encrypted: true,
    scheme: 'zfs-native',
    cipher: value,
    keyBits: bits?.[1] ? Number(bits[1]) : null,
    via: `zfs ${dataset} encryption=${value}`,
  };
};

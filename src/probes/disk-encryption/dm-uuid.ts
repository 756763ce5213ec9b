/**
 * Device-mapper UUIDs (/sys/block/dm-N/dm/uuid). cryptsetup names its mappings
 * `CRYPT-<TYPE>-[<uuid without dashes>-]<name>` (lib/libdevmapper.c, dm_prepare_uuid); LVM uses
 * `LVM-<vg uuid><lv uuid>`. VERITY, INTEGRITY, SUBDEV and TEMP mappings come from cryptsetup's
 * tools too but do not encrypt.
 */
import type { Scheme } from './types.js';

export type DmLayer = { kind: 'crypt' | 'lvm' | 'other'; subsystem: string; scheme: Scheme | null };

const encrypting: Readonly<Record<string, Scheme>> = {
  LUKS1: 'luks1',
  LUKS2: 'luks2',
  PLAIN: 'plain',
  LOOPAES: 'dm-crypt',
  TCRYPT: 'dm-crypt',
  BITLK: 'dm-crypt',
  FVAULT2: 'dm-crypt',
};

export const parseDmUuid = (uuid: string): DmLayer => {
  const value = uuid.trim();
  const [subsystem = '', type = ''] = value.split('-');
  if (subsystem === 'CRYPT') {
    const scheme = encrypting[type];
    return scheme ? { kind: 'crypt', subsystem: `CRYPT-${type}`, scheme } : { kind: 'other', subsystem: `CRYPT-${type}`, scheme: null };
  }
  if (subsystem === 'LVM') return { kind: 'lvm', subsystem, scheme: null };
  return { kind: 'other', subsystem: subsystem || 'none', scheme: null };
};

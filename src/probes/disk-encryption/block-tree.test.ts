import { describe, expect, it } from 'vitest';
import { blockVerdict, type BlockLayer } from './block-tree.js';
import { parseDmUuid } from './dm-uuid.js';

const disk = (kname: string): BlockLayer => ({ kname, dmName: null, dmUuid: null, slaves: [] });
const dm = (kname: string, dmName: string, dmUuid: string, slaves: BlockLayer[]): BlockLayer => ({ kname, dmName, dmUuid, slaves });

// dm uuids in the form cryptsetup writes (lib/libdevmapper.c, dm_prepare_uuid) and LVM's LVM-<uuids>.
const luks2 = 'CRYPT-LUKS2-2945485357c546ed93cd25c67602ef2d-nvme0n1p3_crypt';
const lvm = 'LVM-pV8TgNKMJVNrolJgMhVwg4CAeFFAIMC83IU1hvimWWlvmd5xQddtMIqRtjwOuKTz';

describe('parseDmUuid', () => {
  it('tells encrypting mappings from the rest', () => {
    expect(parseDmUuid(luks2)).toEqual({ kind: 'crypt', subsystem: 'CRYPT-LUKS2', scheme: 'luks2' });
    expect(parseDmUuid('CRYPT-LUKS1-00000000000000000000000000000000-root\n')).toMatchObject({ kind: 'crypt', scheme: 'luks1' });
    expect(parseDmUuid('CRYPT-PLAIN-cryptswap')).toMatchObject({ kind: 'crypt', scheme: 'plain' });
    expect(parseDmUuid('CRYPT-BITLK-1234-win')).toMatchObject({ kind: 'crypt', scheme: 'dm-crypt' });
    expect(parseDmUuid('CRYPT-VERITY-9999-root')).toMatchObject({ kind: 'other', scheme: null });
    expect(parseDmUuid('CRYPT-INTEGRITY-abc')).toMatchObject({ kind: 'other' });
    expect(parseDmUuid(lvm)).toMatchObject({ kind: 'lvm' });
    expect(parseDmUuid('mpath-3600508b4000156d700012000000b0000')).toMatchObject({ kind: 'other', subsystem: 'mpath' });
  });
});

describe('blockVerdict', () => {
  it('finds LUKS2 under LVM', () => {
    const tree = dm('dm-1', 'vg-root', lvm, [dm('dm-0', 'nvme0n1p3_crypt', luks2, [disk('nvme0n1p3')])]);
    expect(blockVerdict(tree)).toEqual({
      encrypted: true,
      scheme: 'luks2',
      cipher: null,
      keyBits: null,
      via: 'sysfs dm uuid CRYPT-LUKS2-… on dm-0 (nvme0n1p3_crypt) below dm-1 (vg-root)',
      cryptName: 'nvme0n1p3_crypt',
    });
  });

  it('says not encrypted for a plain disk, naming the chain', () => {
    expect(blockVerdict(disk('vda'))).toMatchObject({ encrypted: false, via: 'sysfs: no dm-crypt layer in vda' });
    const tree = dm('dm-0', 'vg-root', lvm, [disk('sda2')]);
    expect(blockVerdict(tree)).toMatchObject({ encrypted: false, via: 'sysfs: no dm-crypt layer in dm-0 (vg-root) > sda2' });
  });

  it('needs every physical volume to be encrypted', () => {
    const tree = dm('dm-2', 'vg-home', lvm, [dm('dm-0', 'a_crypt', luks2, [disk('sda3')]), disk('sdb1')]);
    expect(blockVerdict(tree)).toMatchObject({ encrypted: false, via: 'sysfs: no dm-crypt layer in dm-2 (vg-home) > sdb1' });
  });

  it('does not count dm-verity as encryption', () => {
    expect(blockVerdict(dm('dm-0', 'usr', 'CRYPT-VERITY-1234-usr', [disk('sda4')])).encrypted).toBe(false);
  });
});

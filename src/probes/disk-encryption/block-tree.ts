/** A block device and what it is stacked on, as read from sysfs, and the verdict that follows from it. */
import { parseDmUuid } from './dm-uuid.js';
import type { Verdict } from './types.js';

export type BlockLayer = {
  /** Kernel name: vda, nvme0n1p3, dm-0. */
  kname: string;
  dmName: string | null;
  dmUuid: string | null;
  /** What this device is built on (sysfs `slaves/`), walked recursively. */
  slaves: BlockLayer[];
};

const label = (layer: BlockLayer): string => (layer.dmName ? `${layer.kname} (${layer.dmName})` : layer.kname);

type Coverage = { covered: boolean; crypt?: BlockLayer; uncovered?: BlockLayer[] };

/** A layer is covered when it is a crypt mapping, or when everything it is built on is covered. */
const coverage = (layer: BlockLayer, path: BlockLayer[]): Coverage => {
  const here = [...path, layer];
  if (layer.dmUuid !== null && parseDmUuid(layer.dmUuid).kind === 'crypt') return { covered: true, crypt: layer };
  if (layer.slaves.length === 0) return { covered: false, uncovered: here };
  const below = layer.slaves.map((slave) => coverage(slave, here));
  const gap = below.find((result) => !result.covered);
  if (gap) return { covered: false, uncovered: gap.uncovered ?? here };
  return { covered: true, crypt: below.find((result) => result.crypt)?.crypt ?? layer };
};

/** Encrypted when every path down from the device meets a dm-crypt layer (LVM over LUKS, LUKS over RAID...). */
export const blockVerdict = (top: BlockLayer): Verdict => {
  const result = coverage(top, []);
  const base = { scheme: null, cipher: null, keyBits: null };
  if (result.covered && result.crypt?.dmUuid) {
    const crypt = result.crypt;
    const layer = parseDmUuid(crypt.dmUuid ?? '');
    const above = crypt === top ? '' : ` below ${label(top)}`;
    return {
      ...base,
      encrypted: true,
      scheme: layer.scheme,
      via: `sysfs dm uuid ${layer.subsystem}-… on ${label(crypt)}${above}`,
      ...(crypt.dmName ? { cryptName: crypt.dmName } : {}),
    };
  }
  const chain = (result.uncovered ?? [top]).map(label).join(' > ');
  return { ...base, encrypted: false, via: `sysfs: no dm-crypt layer in ${chain}` };
};

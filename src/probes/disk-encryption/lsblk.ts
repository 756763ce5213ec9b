/**
 * `lsblk -J` output. util-linux ≥ 2.37 prints `mountpoints` (an array that may hold null) and JSON
 * booleans; older releases print one `mountpoint` string and "0"/"1" strings for booleans.
 */
import type { Verdict } from './types.js';

export type LsblkNode = {
  name: string;
  kname: string;
  type: string;
  fstype: string | null;
  mountpoints: string[];
  pkname: string | null;
  readOnly: boolean | null;
  children: LsblkNode[];
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** JSON boolean, or the "0"/"1" strings (and 0/1 numbers) of older util-linux. */
export const lsblkBoolean = (value: unknown): boolean | null => {
  if (typeof value === 'boolean') return value;
  if (value === '1' || value === 1) return true;
  if (value === '0' || value === 0) return false;
  return null;
};

const toNode = (raw: unknown): LsblkNode | undefined => {
  if (!isRecord(raw)) return undefined;
  const name = text(raw.name);
  if (name === null) return undefined;
  const mounts = Array.isArray(raw.mountpoints) ? (raw.mountpoints as unknown[]) : [raw.mountpoint];
  return {
    name,
    kname: text(raw.kname) ?? name,
    type: text(raw.type) ?? 'unknown',
    fstype: text(raw.fstype),
    mountpoints: mounts.filter((mount): mount is string => typeof mount === 'string' && mount !== ''),
    pkname: text(raw.pkname),
    readOnly: lsblkBoolean(raw.ro),
    children: Array.isArray(raw.children) ? raw.children.flatMap((child) => toNode(child) ?? []) : [],
  };
};

/** The device forest, or undefined when the text is not lsblk JSON. */
export const parseLsblk = (json: string): LsblkNode[] | undefined => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.blockdevices)) return undefined;
  return parsed.blockdevices.flatMap((device) => toNode(device) ?? []);
};

/**
 * Every chain from a top-level device down to a node matching `wanted`. A node under several
 * parents (LVM over two disks, RAID) appears once per parent, so it yields one chain per parent.
 */
export const lsblkChains = (roots: readonly LsblkNode[], wanted: (node: LsblkNode) => boolean): LsblkNode[][] => {
  const chains: LsblkNode[][] = [];
  const visit = (node: LsblkNode, above: LsblkNode[]): void => {
    const chain = [...above, node];
    if (wanted(node)) chains.push(chain);
    for (const child of node.children) visit(child, chain);
  };
  for (const root of roots) visit(root, []);
  return chains;
};

/**
 * Judge the device mounted somewhere (or a swap device) from its lsblk ancestry: encrypted when every
 * chain to it passes through a `crypt` node. Undefined when lsblk does not show it at all.
 */
export const lsblkVerdict = (roots: readonly LsblkNode[], wanted: (node: LsblkNode) => boolean): Verdict | undefined => {
  const chains = lsblkChains(roots, wanted);
  const target = chains[0]?.at(-1);
  if (!target) return undefined;
  const crypts = chains.map((chain) => chain.findLast((node) => node.type === 'crypt'));
  const firstCrypt = crypts.find((node) => node !== undefined);
  const base = { scheme: null, cipher: null, keyBits: null };
  if (crypts.every((node) => node !== undefined) && firstCrypt) {
    return { ...base, encrypted: true, scheme: 'dm-crypt', via: `lsblk ancestor type crypt (${firstCrypt.name})`, cryptName: firstCrypt.name };
  }
  const path = (chains.find((_, index) => crypts[index] === undefined) ?? []).map((node) => `${node.name} (${node.type})`);
  return { ...base, encrypted: false, via: `lsblk: no crypt ancestor in ${path.join(' > ')}` };
};

export const mountedAt =
  (mountPoint: string) =>
  (node: LsblkNode): boolean =>
    node.mountpoints.includes(mountPoint);

export const namedKernelDevice =
  (kname: string) =>
  (node: LsblkNode): boolean =>
    node.kname === kname || node.name === kname;

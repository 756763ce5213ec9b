import { readText, type Host } from '../../hosts/host.js';
import type { JsonObject } from '../../model.js';
import { defineProbe, macosAndWindows, ok, type FactSpec, type ProbeContext } from '../probe.js';
import { linuxReads } from './reads.js';
import { parseCrypttab } from './crypttab.js';
import { parseFstab } from './fstab.js';
import { isRoot, liveSwaps, liveVolumes, runLsblk, type JudgedSwap, type LiveContext } from './live.js';
import { parseMountinfo } from './mountinfo.js';
import { configSwaps, configVolumes, configuredKernelParameters, type ConfigContext } from './offline.js';
import type { SwapArea, Volume } from './types.js';

/** Volumes whose encryption the charter cares about; /boot is left out on purpose. */
const mountPoints = ['/', '/home', '/var'] as const;

const facts: Record<string, FactSpec> = {
  volumes: {
    type: 'array',
    description:
      'The filesystems on /, /home and /var (the last two only when mounted separately): mount, device, fstype, ' +
      'encrypted, scheme (luks1, luks2, plain, dm-crypt, fscrypt, ecryptfs, zfs-native), cipher, keyBits, and via (the evidence).',
  },
  systemVolumeEncrypted: { type: 'boolean', description: 'The filesystem on / is encrypted.' },
  systemVolumeCipher: {
    type: 'string',
    description: 'Cipher of the encryption under / (e.g. aes-xts-plain64); needs root on Linux, null when unknown or unencrypted.',
  },
  systemVolumeKeyBits: { type: 'number', description: 'Key size in bits of the encryption under / (512 for XTS-AES-256); null when unknown.' },
  swapEncrypted: {
    type: 'boolean',
    description: 'Every swap area that reaches a disk is encrypted; true when there is no swap or only zram.',
  },
  swap: { type: 'array', description: 'Swap areas: device, type (partition, file, zram), encrypted, via.' },
  swapVia: { type: 'string', description: 'Why swapEncrypted has its value.' },
  crypttab: { type: 'array', description: 'Entries of /etc/crypttab: name, device, keyfile, options.' },
  method: { type: 'array', description: 'Sources used: mountinfo, sysfs, lsblk, cryptsetup, zfs, fstab, crypttab, lvm-backup.' },
  fileVaultState: { type: 'string', description: "macOS: FileVault as fdesetup reports it: 'on', 'off', 'encrypting', 'decrypting'." },
  systemVolumeCipherSource: {
    type: 'string',
    description: 'Where systemVolumeCipher and systemVolumeKeyBits come from (a command, or documentation when the OS has one fixed cipher).',
  },
  systemDrive: { type: 'string', description: 'Windows: the system drive (e.g. C:).' },
  reasons: { type: 'array', description: 'Why any fact above is null (not an administrator, a module missing, ...).' },
};

const swapSummary = (swaps: readonly (SwapArea & { inMemory?: boolean })[], configured: boolean): { encrypted: boolean | null; via: string } => {
  const onDisk = swaps.filter((swap) => swap.inMemory !== true && !(configured && swap.type === 'zram'));
  if (swaps.length === 0) return { encrypted: true, via: configured ? 'no swap configured in fstab' : 'no active swap' };
  if (onDisk.length === 0) return { encrypted: true, via: 'only zram swap (compressed RAM, never written to disk)' };
  const clear = onDisk.filter((swap) => swap.encrypted === false);
  if (clear.length > 0) return { encrypted: false, via: `not encrypted: ${clear.map((swap) => swap.device).join(', ')}` };
  const unknown = onDisk.filter((swap) => swap.encrypted === null);
  if (unknown.length > 0) return { encrypted: null, via: `cannot tell for ${unknown.map((swap) => swap.device).join(', ')}` };
  return { encrypted: true, via: 'every swap area is encrypted' };
};

type Findings = { volumes: Volume[]; swaps: SwapArea[]; swap: { encrypted: boolean | null; via: string } };

const publicSwap = ({ device, type, encrypted, via }: SwapArea | JudgedSwap): SwapArea => ({ device, type, encrypted, via });

/** A running system: what is mounted and active now. */
const fromRunningSystem = async (host: Host, context: ProbeContext, mountinfo: string, methods: Set<string>): Promise<Findings> => {
  const state: LiveContext = {
    host,
    methods,
    exec: context.capabilities.exec,
    mounts: parseMountinfo(mountinfo),
    lsblk: context.capabilities.exec ? await runLsblk(host) : undefined,
    root: await isRoot(host),
    statusCache: new Map(),
  };
  const volumes = await liveVolumes(state, mountPoints);
  const swapsText = await readText(host, '/proc/swaps');
  if (swapsText === undefined) return { volumes, swaps: [], swap: { encrypted: null, via: '/proc/swaps cannot be read' } };
  const swaps = await liveSwaps(state, swapsText);
  return { volumes, swaps: swaps.map(publicSwap), swap: swapSummary(swaps, false) };
};

/** A target at rest (or one whose mountinfo is unreadable): what fstab and crypttab configure. */
const fromConfiguration = async (config: ConfigContext): Promise<Findings> => {
  const kernelParameters = await configuredKernelParameters(config.host);
  const volumes = await configVolumes(config, mountPoints, kernelParameters);
  const swaps = await configSwaps(config, kernelParameters);
  return { volumes, swaps, swap: swapSummary(swaps, true) };
};

const collectLinux = async (host: Host, context: ProbeContext): Promise<JsonObject> => {
  const methods = new Set<string>();
  const crypttabText = await readText(host, '/etc/crypttab');
  const crypttab = crypttabText === undefined ? [] : parseCrypttab(crypttabText);
  if (crypttabText !== undefined) methods.add('crypttab');

  const mountinfo = context.capabilities.live ? await readText(host, '/proc/self/mountinfo') : undefined;
  let findings: Findings;
  if (mountinfo !== undefined) {
    methods.add('mountinfo');
    findings = await fromRunningSystem(host, context, mountinfo, methods);
  } else {
    const fstabText = await readText(host, '/etc/fstab');
    if (fstabText !== undefined) methods.add('fstab');
    const fstab = fstabText === undefined ? [] : parseFstab(fstabText);
    findings = await fromConfiguration({ host, fstab, crypttab, methods });
  }
  const { volumes, swaps, swap } = findings;
  const system = volumes.find((volume) => volume.mount === '/');
  return {
    volumes,
    systemVolumeEncrypted: system?.encrypted ?? null,
    systemVolumeCipher: system?.cipher ?? null,
    systemVolumeKeyBits: system?.keyBits ?? null,
    swapEncrypted: swap.encrypted,
    swap: swaps,
    swapVia: swap.via,
    crypttab,
    method: [...methods],
  };
};

export const diskEncryption = defineProbe({
  id: 'disk-encryption',
  title: 'Disk encryption',
  needs: ['read'],
  facts,
  reads: { linux: linuxReads },
  collect: {
    linux: async (host, context) => ok(await collectLinux(host, context)),
    ...macosAndWindows(
      () => import('./macos.js'),
      () => import('./windows.js'),
    ),
  },
});

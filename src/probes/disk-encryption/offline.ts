/**
 * Disk encryption from configuration alone (an image or mounted root, or a host whose mountinfo
 * cannot be read): fstab says what is mounted from where, crypttab which mappings are unlocked at
 * boot, LVM metadata backups which devices a volume group sits on. This proves configuration only.
 */
import { readText, type Host } from '../../hosts/host.js';
import { crypttabScheme, isVolatile, type CrypttabEntry } from './crypttab.js';
import { fstabEntryFor, type FstabEntry } from './fstab.js';
import { luksKernelParameters } from './kernel-cmdline.js';
import { lvmDeviceHints, lvmVolumeGroup } from './lvm-backup.js';
import { unknownVerdict, type SwapArea, type Verdict, type Volume } from './types.js';

export type ConfigContext = {
  host: Host;
  fstab: FstabEntry[];
  crypttab: CrypttabEntry[];
  methods: Set<string>;
};

/** A device-mapper node, which may be a crypt mapping under another name. */
const isMapperPath = (path: string): boolean => /^\/dev\/(?:mapper\/|dm-\d|disk\/by-id\/dm-)/.test(path);

const mapperName = (device: string): string | undefined => /^\/dev\/mapper\/([^/]+)$/.exec(device)?.[1];

/** LUKS unlock parameters in the boot configuration a target at rest carries. */
export const configuredKernelParameters = async (host: Host): Promise<string[]> => {
  const sources = ['/etc/kernel/cmdline', '/etc/default/grub'];
  const entries = (await host.readDir('/boot/loader/entries')) ?? [];
  sources.push(...entries.filter((name) => name.endsWith('.conf')).map((name) => `/boot/loader/entries/${name}`));
  const found: string[] = [];
  for (const path of sources) {
    const text = await readText(host, path);
    if (text !== undefined) found.push(...luksKernelParameters(text));
  }
  return [...new Set(found)];
};

/** Configured verdict for a device spec from fstab (or a crypttab device). */
export const configVerdict = async (config: ConfigContext, spec: string, kernelParameters: readonly string[]): Promise<Verdict> => {
  const byName = new Map(config.crypttab.map((entry) => [entry.name, entry]));
  const name = mapperName(spec);
  const mapped = name === undefined ? undefined : byName.get(name);
  if (mapped) {
    return {
      encrypted: true,
      scheme: crypttabScheme(mapped),
      cipher: null,
      keyBits: null,
      via: `crypttab configuration: ${mapped.name} unlocks ${mapped.device}`,
    };
  }
  const group = lvmVolumeGroup(spec);
  if (group !== undefined) {
    const backup = await readText(config.host, `/etc/lvm/backup/${group}`);
    const hints = backup === undefined ? [] : lvmDeviceHints(backup);
    if (hints.length > 0) {
      config.methods.add('lvm-backup');
      const physical = hints.map((hint) => ({ hint, entry: byName.get(mapperName(hint) ?? '') }));
      const via = `/etc/lvm/backup/${group} puts ${group} on ${hints.join(', ')}`;
      if (physical.every((pv) => pv.entry !== undefined)) {
        return {
          encrypted: true,
          scheme: physical[0]?.entry ? crypttabScheme(physical[0].entry) : 'dm-crypt',
          cipher: null,
          keyBits: null,
          via: `crypttab configuration: ${via}`,
        };
      }
      const clear = physical.filter((pv) => pv.entry === undefined && !isMapperPath(pv.hint)).map((pv) => pv.hint);
      if (clear.length > 0) {
        return { ...unknownVerdict(''), encrypted: false, via: `${via}; ${clear.join(', ')} is a plain device` };
      }
      const unmatched = physical.filter((pv) => pv.entry === undefined).map((pv) => pv.hint);
      return unknownVerdict(`${via}; ${unmatched.join(', ')} is not a crypttab mapping`);
    }
  }
  const persistent = config.crypttab.filter((entry) => !isVolatile(entry));
  if (persistent.length === 0 && kernelParameters.length === 0) {
    const why = config.crypttab.length === 0 ? 'no crypttab entries' : 'crypttab holds only random-key (swap/tmp) entries';
    return { ...unknownVerdict(''), encrypted: false, via: `${why} and no LUKS kernel parameters; ${spec} is not encrypted by configuration` };
  }
  const unlocks = [...persistent.map((entry) => entry.name), ...kernelParameters];
  return unknownVerdict(`${spec} cannot be tied to what boot unlocks (${unlocks.join(', ')})`);
};

export const configVolumes = async (config: ConfigContext, mountPoints: readonly string[], kernelParameters: readonly string[]): Promise<Volume[]> => {
  const volumes: Volume[] = [];
  for (const mountPoint of mountPoints) {
    const entry = fstabEntryFor(config.fstab, mountPoint);
    if (!entry) {
      if (mountPoint === '/') {
        volumes.push({ mount: '/', device: null, fstype: null, ...unknownVerdict('no fstab entry for /') });
      }
      continue;
    }
    const { encrypted, scheme, cipher, keyBits, via } = await configVerdict(config, entry.spec, kernelParameters);
    volumes.push({ mount: mountPoint, device: entry.spec, fstype: entry.vfstype, encrypted, scheme, cipher, keyBits, via });
  }
  return volumes;
};

const holdingEntry = (fstab: readonly FstabEntry[], path: string): FstabEntry | undefined => {
  let best: FstabEntry | undefined;
  for (const entry of fstab) {
    if (entry.vfstype === 'swap' || !entry.file.startsWith('/')) continue;
    const prefix = entry.file === '/' ? '/' : `${entry.file}/`;
    if (path.startsWith(prefix) && (!best || entry.file.length > best.file.length)) best = entry;
  }
  return best;
};

export const configSwaps = async (config: ConfigContext, kernelParameters: readonly string[]): Promise<SwapArea[]> => {
  const swaps: SwapArea[] = [];
  for (const entry of config.fstab.filter((row) => row.vfstype === 'swap')) {
    if (entry.spec.startsWith('/') && !entry.spec.startsWith('/dev/')) {
      const holder = holdingEntry(config.fstab, entry.spec);
      const verdict = holder ? await configVerdict(config, holder.spec, kernelParameters) : unknownVerdict(`no fstab entry holds ${entry.spec}`);
      const via = holder ? `swap file on ${holder.file}: ${verdict.via}` : verdict.via;
      swaps.push({ device: entry.spec, type: 'file', encrypted: verdict.encrypted, via });
      continue;
    }
    const verdict = await configVerdict(config, entry.spec, kernelParameters);
    const type = /^\/dev\/zram\d+$/.test(entry.spec) ? 'zram' : 'partition';
    swaps.push({ device: entry.spec, type, encrypted: type === 'zram' ? null : verdict.encrypted, via: verdict.via });
  }
  return swaps;
};

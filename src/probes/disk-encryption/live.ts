/** Disk encryption of a running Linux system: mountinfo + sysfs first, lsblk second, cryptsetup when root. */
import { readText, type Host } from '../../hosts/host.js';
import { blockVerdict, type BlockLayer } from './block-tree.js';
import { cryptsetupScheme, parseCryptsetupStatus } from './cryptsetup.js';
import { lsblkVerdict, mountedAt, namedKernelDevice, parseLsblk, type LsblkNode } from './lsblk.js';
import { mountHolding, visibleMount, type MountEntry } from './mountinfo.js';
import { overlayBacking } from './overlay.js';
import { effectiveUid } from './proc-status.js';
import { parseSwaps } from './swaps.js';
import { readBlockTreeByNumber, readBlockTreeByPath } from './sysfs.js';
import { unknownVerdict, type SwapArea, type Verdict, type Volume } from './types.js';
import { zfsVerdict } from './zfs.js';

const lsblkColumns = ['NAME', 'KNAME', 'TYPE', 'FSTYPE', 'MOUNTPOINTS', 'PKNAME'];
const inMemory = new Set(['tmpfs', 'ramfs', 'rootfs']);
const overlays = new Set(['overlay', 'aufs', 'fuse-overlayfs']);
const shared = new Set(['nfs', 'nfs4', 'cifs', 'smb3', '9p', 'virtiofs', 'fuse.sshfs', 'ceph', 'glusterfs']);

export type LiveContext = {
  host: Host;
  exec: boolean;
  mounts: MountEntry[];
  lsblk: LsblkNode[] | undefined;
  root: boolean;
  methods: Set<string>;
  statusCache: Map<string, Promise<Partial<Verdict>>>;
};

/** `lsblk -J`, retried with the MOUNTPOINT column that util-linux < 2.37 knows. */
export const runLsblk = async (host: Host): Promise<LsblkNode[] | undefined> => {
  for (const mountColumn of ['MOUNTPOINTS', 'MOUNTPOINT']) {
    const columns = lsblkColumns.map((column) => (column === 'MOUNTPOINTS' ? mountColumn : column)).join(',');
    const result = await host.run('lsblk', ['-J', '-o', columns], { timeoutMs: 5_000 });
    if (result.spawnError !== undefined || result.timedOut) return undefined;
    if (result.exitCode === 0) return parseLsblk(result.stdout);
    if (!/unknown column/i.test(result.stderr)) return undefined;
  }
  return undefined;
};

export const isRoot = async (host: Host): Promise<boolean> => {
  const status = await readText(host, '/proc/self/status');
  return status !== undefined && effectiveUid(status) === 0;
};

/** Cipher and key size from `cryptsetup status` (root only); a refusal or failure leaves them null. */
const cryptsetupDetails = (live: LiveContext, name: string): Promise<Partial<Verdict>> => {
  const cached = live.statusCache.get(name);
  if (cached) return cached;
  const pending = (async (): Promise<Partial<Verdict>> => {
    const result = await live.host.run('cryptsetup', ['status', name], { timeoutMs: 5_000 });
    if (result.exitCode !== 0) return {};
    const status = parseCryptsetupStatus(result.stdout);
    if (!status) return {};
    live.methods.add('cryptsetup');
    return { cipher: status.cipher, keyBits: status.keyBits, scheme: cryptsetupScheme(status.type) };
  })();
  live.statusCache.set(name, pending);
  return pending;
};

const enrich = async (live: LiveContext, verdict: Verdict): Promise<Verdict> => {
  if (!live.root || !live.exec || verdict.encrypted !== true || verdict.cryptName === undefined) return verdict;
  const details = await cryptsetupDetails(live, verdict.cryptName);
  return {
    ...verdict,
    cipher: details.cipher ?? verdict.cipher,
    keyBits: details.keyBits ?? verdict.keyBits,
    scheme: verdict.scheme === null || verdict.scheme === 'dm-crypt' ? (details.scheme ?? verdict.scheme) : verdict.scheme,
  };
};

/** sysfs verdict for a device, with lsblk as a fallback and a cross-check. */
const judgeDevice = (live: LiveContext, tree: BlockLayer | undefined, inLsblk: (node: LsblkNode) => boolean): Verdict | undefined => {
  const fromLsblk = live.lsblk ? lsblkVerdict(live.lsblk, inLsblk) : undefined;
  if (fromLsblk) live.methods.add('lsblk');
  if (!tree) return fromLsblk;
  live.methods.add('sysfs');
  const fromSysfs = blockVerdict(tree);
  if (fromLsblk && fromLsblk.encrypted !== fromSysfs.encrypted) {
    return { ...fromSysfs, via: `${fromSysfs.via}; lsblk disagrees (${fromLsblk.via})` };
  }
  return fromSysfs;
};

const judgeBlockMount = async (live: LiveContext, entry: MountEntry): Promise<Verdict> => {
  const tree = entry.major > 0 ? await readBlockTreeByNumber(live.host, entry.major, entry.minor) : await readBlockTreeByPath(live.host, entry.source);
  const verdict = judgeDevice(live, tree, mountedAt(entry.mountPoint));
  return verdict ?? unknownVerdict(`${entry.source} (${entry.major}:${entry.minor}) not found in sysfs or lsblk`);
};

/** Judge the filesystem of one mount; `device` is what holds it when that differs from its source. */
export const judgeMount = async (live: LiveContext, entry: MountEntry): Promise<{ device: string; verdict: Verdict }> => {
  const plain = async (verdict: Verdict) => ({ device: entry.source, verdict: await enrich(live, verdict) });
  if (entry.fsType === 'ecryptfs') {
    return plain({ encrypted: true, scheme: 'ecryptfs', cipher: null, keyBits: null, via: 'mounted as ecryptfs' });
  }
  if (inMemory.has(entry.fsType)) return plain(unknownVerdict(`${entry.fsType}: held in memory, not on a disk`));
  if (shared.has(entry.fsType)) return plain(unknownVerdict(`${entry.fsType}: a network or host-shared filesystem`));
  if (entry.fsType === 'zfs') {
    if (!live.exec) return plain(unknownVerdict(`zfs dataset ${entry.source}: zfs cannot be run on this target`));
    const result = await live.host.run('zfs', ['get', '-H', '-o', 'value', 'encryption', entry.source], { timeoutMs: 5_000 });
    const verdict = result.exitCode === 0 ? zfsVerdict(entry.source, result.stdout) : undefined;
    if (verdict) live.methods.add('zfs');
    return plain(verdict ?? unknownVerdict(`zfs dataset ${entry.source}: zfs get encryption failed`));
  }
  if (overlays.has(entry.fsType)) {
    const backing = overlayBacking(live.mounts, entry);
    if (!backing) {
      return plain(unknownVerdict(`${entry.fsType} (container) root: its backing device is not visible from inside`));
    }
    const verdict = await judgeBlockMount(live, backing.witness);
    return {
      device: backing.witness.source,
      verdict: await enrich(live, {
        ...verdict,
        via: `${entry.fsType} layers under ${backing.dataRoot}, on the device of ${backing.witness.mountPoint}: ${verdict.via}`,
      }),
    };
  }
  return plain(await judgeBlockMount(live, entry));
};

export const liveVolumes = async (live: LiveContext, mountPoints: readonly string[]): Promise<Volume[]> => {
  const volumes: Volume[] = [];
  for (const mountPoint of mountPoints) {
    const entry = visibleMount(live.mounts, mountPoint);
    if (!entry) {
      if (mountPoint === '/') volumes.push({ mount: '/', device: null, fstype: null, ...strip(unknownVerdict('/ is not in mountinfo')) });
      continue;
    }
    const { device, verdict } = await judgeMount(live, entry);
    volumes.push({ mount: mountPoint, device, fstype: entry.fsType, ...strip(verdict) });
  }
  return volumes;
};

/** The public part of a verdict. */
export const strip = ({ encrypted, scheme, cipher, keyBits, via }: Verdict): Omit<Verdict, 'cryptName'> => ({
  encrypted,
  scheme,
  cipher,
  keyBits,
  via,
});

export type JudgedSwap = SwapArea & { inMemory: boolean };

const judgeSwapDevice = async (live: LiveContext, device: string): Promise<Verdict> => {
  const tree = await readBlockTreeByPath(live.host, device);
  const kname = device.split('/').at(-1) ?? device;
  const verdict = judgeDevice(live, tree, namedKernelDevice(kname));
  return enrich(live, verdict ?? unknownVerdict(`${device} not found in sysfs or lsblk`));
};

export const liveSwaps = async (live: LiveContext, swapsText: string): Promise<JudgedSwap[]> => {
  const swaps: JudgedSwap[] = [];
  for (const entry of parseSwaps(swapsText)) {
    const zram = /^\/dev\/(zram\d+)$/.exec(entry.filename)?.[1];
    if (zram) {
      const backing = (await readText(live.host, `/sys/block/${zram}/backing_dev`))?.trim();
      if (backing && backing !== 'none') {
        const verdict = await judgeSwapDevice(live, backing);
        swaps.push({
          device: entry.filename,
          type: 'zram',
          encrypted: verdict.encrypted,
          via: `zram writes back to ${backing}: ${verdict.via}`,
          inMemory: false,
        });
      } else {
        swaps.push({ device: entry.filename, type: 'zram', encrypted: null, via: 'zram: compressed RAM, never written to disk', inMemory: true });
      }
    } else if (entry.type === 'file') {
      const holder = mountHolding(live.mounts, entry.filename);
      const verdict = holder ? (await judgeMount(live, holder)).verdict : unknownVerdict(`no mount holds ${entry.filename}`);
      const via = holder ? `swap file on ${holder.mountPoint}: ${verdict.via}` : verdict.via;
      swaps.push({ device: entry.filename, type: 'file', encrypted: verdict.encrypted, via, inMemory: false });
    } else {
      const verdict = await judgeSwapDevice(live, entry.filename);
      swaps.push({ device: entry.filename, type: 'partition', encrypted: verdict.encrypted, via: verdict.via, inMemory: false });
    }
  }
  return swaps;
};

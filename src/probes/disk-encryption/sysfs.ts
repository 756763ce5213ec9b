/**
 * Reading the block-device stack from sysfs, only through host.readLink/readText/readDir so that it
 * works the same on a live, ssh or replayed host.
 */
import { readText, type Host } from '../../hosts/host.js';
import type { BlockLayer } from './block-tree.js';

const maxDepth = 16;

const basename = (path: string): string => path.replace(/\/+$/, '').split('/').at(-1) ?? path;

const trimmed = async (host: Host, path: string): Promise<string | null> => {
  const value = (await readText(host, path))?.trim();
  return value ? value : null;
};

/** Kernel name of the device a sysfs directory describes: from its link target or its uevent. */
const kernelName = async (host: Host, dir: string): Promise<string | null> => {
  const link = await host.readLink(dir);
  if (link !== undefined) return basename(link);
  const uevent = await readText(host, `${dir}/uevent`);
  const devname = uevent === undefined ? undefined : /^DEVNAME=(.+)$/m.exec(uevent)?.[1];
  if (devname) return basename(devname);
  return dir.startsWith('/sys/class/block/') ? basename(dir) : null;
};

const readLayer = async (host: Host, dir: string, depth: number): Promise<BlockLayer | undefined> => {
  const kname = await kernelName(host, dir);
  if (kname === null) return undefined;
  const slaveNames = depth < maxDepth ? ((await host.readDir(`${dir}/slaves`)) ?? []) : [];
  const slaves: BlockLayer[] = [];
  for (const name of [...slaveNames].sort()) {
    const slave = await readLayer(host, `/sys/class/block/${name}`, depth + 1);
    if (slave) slaves.push(slave);
  }
  return {
    kname,
    dmName: await trimmed(host, `${dir}/dm/name`),
    dmUuid: await trimmed(host, `${dir}/dm/uuid`),
    slaves,
  };
};

/** The stack under device `major:minor`; undefined when sysfs does not know it (or is not readable). */
export const readBlockTreeByNumber = (host: Host, major: number, minor: number): Promise<BlockLayer | undefined> =>
  readLayer(host, `/sys/dev/block/${major}:${minor}`, 0);

/** The stack under a device node path such as /dev/mapper/root or /dev/nvme0n1p3. */
export const readBlockTreeByPath = async (host: Host, devicePath: string): Promise<BlockLayer | undefined> => {
  if (!devicePath.startsWith('/dev/')) return undefined;
  const link = await host.readLink(devicePath);
  const name = basename(link ?? devicePath);
  const dir = `/sys/class/block/${name}`;
  if ((await host.readLink(dir)) === undefined && (await host.stat(dir)) === undefined) return undefined;
  return readLayer(host, dir, 0);
};

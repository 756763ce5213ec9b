/**
 * A container's overlay root says nothing about encryption by itself. Its layers live under the
 * runtime's data root on the host (upperdir=/var/lib/docker/overlay2/<id>/diff); files the runtime
 * bind-mounts from the same data root (/etc/hosts from /var/lib/docker/containers/<id>/hosts) show
 * which host device holds it. Only an exact data-root match counts.
 */
import { superOption, type MountEntry } from './mountinfo.js';

export type OverlayBacking = { dataRoot: string; witness: MountEntry };

export const overlayDataRoot = (entry: MountEntry): string | undefined => {
  const upper = superOption(entry, 'upperdir');
  return upper === undefined ? undefined : /^(\/.*?)\/(?:overlay2|overlay|fuse-overlayfs)\//.exec(upper)?.[1];
};

export const overlayBacking = (entries: readonly MountEntry[], overlay: MountEntry): OverlayBacking | undefined => {
  const dataRoot = overlayDataRoot(overlay);
  if (dataRoot === undefined) return undefined;
  const witness = entries.find((entry) => entry.major > 0 && entry.root.startsWith(`${dataRoot}/`));
  return witness ? { dataRoot, witness } : undefined;
};

/**
 * Every size and depth charter accepts from outside, in one place (documented in README, "Limits").
 * A file over its cap is refused with one line, never read whole; a host file over `hostFileBytes`
 * is treated as unreadable, with the reason.
 */
const MiB = 1024 * 1024;

export const limits = {
  /** A policy, a policy it extends, a catalog. */
  policyBytes: 4 * MiB,
  /** Nodes a policy document may expand to (aliases included): a bigger expansion is an alias bomb. */
  policyExpandedNodes: 200_000,
  /** A waivers or attestations file. */
  governanceBytes: 4 * MiB,
  /** An `--inventory` file. */
  inventoryBytes: 4 * MiB,
  /** A `--baseline` file (an earlier audit's JSON report): all but its host lines, and each line (see fleet/baseline.ts). */
  baselineBytes: 256 * MiB,
  /** A snapshot file (`snapshot:FILE`, an audit directory entry). */
  snapshotBytes: 16 * MiB,
  /** How deep a snapshot's facts may nest. */
  snapshotDepth: 64,
  /** The longest string (or key) a snapshot may hold, in characters. */
  snapshotStringBytes: MiB,
  /** The longest host name a snapshot may give. */
  hostNameChars: 1024,
  /** One file read from a `root:`, `image:`, `replay:` or ssh host. */
  hostFileBytes: 128 * MiB,
  /** A browser's SQLite database (History, places.sqlite, permissions.sqlite) or its WAL, copied into memory. */
  browserDatabaseBytes: 128 * MiB,
  /** One frame of the ssh agent's answer (a file content at most `hostFileBytes`, or a command's output). */
  sshFrameBytes: 128 * MiB + 64 * 1024,
} as const;

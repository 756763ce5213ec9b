/**
 * Forwards to src/platform/linux/units.ts, where the systemd unit helpers now live. Kept only for
 * the files that imported this path when it moved and that other branches were editing
 * (src/probes/updates); layers.test.ts fails if any other file imports it. Delete it once they
 * import ../../platform/linux/units.js.
 */
export * from '../../platform/linux/units.js';

/**
 * Forwards to src/platform/run-shared.ts, where the run's shared work now lives. Kept only for the
 * files that imported this path when it moved and that other branches were editing
 * (src/probes/updates); layers.test.ts fails if any other file imports it. Delete it once they
 * import ../../platform/run-shared.js.
 */
export { runShared, shared, type RunShared, type SharedContext, type SharedWork } from '../platform/run-shared.js';

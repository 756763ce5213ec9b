/**
 * Forwards to src/platform/linux/processes.ts, where the /proc process table now lives. Kept only
 * for the tests that imported this path when it moved and that other branches were editing
 * (src/hosts); layers.test.ts fails if any other file imports it. Delete it once they import
 * platform/linux/processes.js.
 */
export * from '../../platform/linux/processes.js';

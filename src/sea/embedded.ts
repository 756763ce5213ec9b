/**
 * What the single executable (src/cli/sea-main.ts) hands the CLI it carries: where the shipped
 * policies were written, the precompiled policy table and the audit worker's source. Undefined
 * when charter runs from its package (bin/charter.js or source), which then reads files beside it.
 */
export interface Embedded {
  /** A private directory holding package.json and policies/ for this run (removed at exit). */
  root: string;
  name: string;
  version: string;
  /** dist/policies.json's table, or null when the build had none. */
  precompiled: unknown;
  /** The audit worker bundle (CommonJS), started with `new Worker(source, { eval: true })`. */
  workerSource: string;
}

const key = '__charterEmbedded';

export const embedded = (): Embedded | undefined => (globalThis as Record<string, unknown>)[key] as Embedded | undefined;

export const setEmbedded = (value: Embedded): void => {
  (globalThis as Record<string, unknown>)[key] = value;
};

/**
 * The worker's source with this state set first: a worker thread is a fresh isolate that sees
 * none of the main thread's globals.
 */
export const workerPreamble = (value: Embedded): string => `globalThis.${key} = ${JSON.stringify({ ...value, workerSource: '' })};\n`;

import { readFileSync } from 'node:fs';

/** A file from fixtures/samples/screen-lock/ (see the README there for how each was produced). */
export const screenLockSample = (path: string): Buffer => readFileSync(new URL(`../../fixtures/samples/screen-lock/${path}`, import.meta.url));

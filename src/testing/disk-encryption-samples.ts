import { readFileSync } from 'node:fs';

/** A recorded sample under fixtures/samples/disk-encryption/ (see the README there). */
export const sample = (name: string): string => readFileSync(new URL(`../../fixtures/samples/disk-encryption/${name}`, import.meta.url), 'utf8');

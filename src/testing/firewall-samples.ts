import { readFileSync } from 'node:fs';

/** A recorded sample under fixtures/samples/firewall/ (see the README there). */
export const sample = (path: string): string => readFileSync(new URL(`../../fixtures/samples/firewall/${path}`, import.meta.url), 'utf8');

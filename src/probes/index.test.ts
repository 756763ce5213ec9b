import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probes } from './index.js';

const here = new URL('.', import.meta.url).pathname;
/** Folders that hold shared helpers for several probes rather than a probe; derived/ holds derived probes. */
const helperFolders = new Set(['system', 'users', 'derived']);

describe('probe registry', () => {
  it('has one entry per probe folder, keyed by the probe id', () => {
    const folders = readdirSync(here).filter((n) => statSync(join(here, n)).isDirectory() && !helperFolders.has(n));
    expect(Object.keys(probes).sort()).toEqual(folders.sort());
    for (const [key, probe] of Object.entries(probes)) expect(probe.id).toBe(key);
  });

  it('documents every fact with a type and a description', () => {
    for (const probe of Object.values(probes)) {
      expect(Object.keys(probe.facts).length).toBeGreaterThan(0);
      for (const [name, spec] of Object.entries(probe.facts)) {
        expect(name).toMatch(/^[a-z][A-Za-z0-9]*$/);
        expect(spec.description.length, `${probe.id}.${name}`).toBeGreaterThan(10);
      }
    }
  });
});

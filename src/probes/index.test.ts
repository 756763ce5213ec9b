import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { template } from './_template/index.js';
import { probes } from './index.js';

const here = new URL('.', import.meta.url).pathname;
/** Folders that hold no probe: derived/ holds derived probes. */
const helperFolders = new Set(['derived']);
/** Folders starting with `_` are never registered: `_template` is copied to start a probe. */
const isProbeFolder = (name: string): boolean => statSync(join(here, name)).isDirectory() && !helperFolders.has(name) && !name.startsWith('_');

describe('probe registry', () => {
  it('has one entry per probe folder, keyed by the probe id, and no entry without its folder', () => {
    const folders = readdirSync(here).filter(isProbeFolder);
    expect(Object.keys(probes).sort()).toEqual(folders.sort());
    for (const [key, probe] of Object.entries(probes)) {
      expect(probe.id).toBe(key);
      expect(existsSync(join(here, key, 'index.ts')), `${key}/index.ts`).toBe(true);
    }
  });

  it('leaves the template out', () => {
    expect(Object.values(probes).map((p) => p.id)).not.toContain(template.id);
  });

  it('gives every probe a collector per platform it lists, and only those', () => {
    for (const probe of Object.values(probes)) {
      expect(probe.platforms.length, probe.id).toBeGreaterThan(0);
      expect(Object.keys(probe.collectors).sort(), probe.id).toEqual([...probe.platforms].sort());
    }
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

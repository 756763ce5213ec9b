import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { probes } from '../index.js';
import { derivedProbes, probeInputsOf } from './index.js';

describe('derived probe registry', () => {
  it('has one entry per folder, under its folder name, and no folder without an entry', async () => {
    const folder = fileURLToPath(new URL('.', import.meta.url));
    const folders = (await readdir(folder, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(Object.keys(derivedProbes).sort()).toEqual(folders);
    for (const [id, probe] of Object.entries(derivedProbes)) expect(probe.id).toBe(id);
  });

  it('reads only probes or derived probes listed before it, and never shares an id with a probe', () => {
    const seen = new Set<string>();
    for (const [id, probe] of Object.entries(derivedProbes)) {
      expect(Object.hasOwn(probes, id), id).toBe(false);
      for (const input of probe.inputs) expect(Object.hasOwn(probes, input) || seen.has(input), `${id} reads ${input}`).toBe(true);
      seen.add(id);
    }
  });

  it('resolves a derived family to the probes that must run for it', () => {
    expect(probeInputsOf('software')).toEqual(['app-activity', 'browsers', 'installed-apps']);
    expect(probeInputsOf('os')).toEqual(['os']);
  });
});

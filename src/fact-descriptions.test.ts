import { describe, expect, it } from 'vitest';
import { factFamilies } from './fact-families.js';
import { descriptionsOf, factDescription, loadFactDescriptions } from './fact-descriptions.js';

describe('fact descriptions', () => {
  it('hold every fact of every family with its description, as the probes declare them', async () => {
    const descriptions = descriptionsOf(factFamilies);
    expect(Object.keys(descriptions).sort()).toEqual(Object.keys(factFamilies).sort());
    for (const [id, family] of Object.entries(factFamilies)) {
      for (const [name, spec] of Object.entries(family.facts)) expect(factDescription(descriptions, `${id}.${name}`)).toBe(spec.description);
      expect(Object.keys(descriptions[id] ?? {}).sort()).toEqual(Object.keys(family.facts).sort());
    }
    // Written to JSON by the build and read back: the same.
    expect(JSON.parse(JSON.stringify(descriptions))).toEqual(descriptions);
    // From source there is no dist/facts.json: the probes themselves.
    expect(await loadFactDescriptions()).toEqual(descriptions);
  });

  it('has no description for a fact no probe provides, nor for inherited keys', () => {
    const descriptions = descriptionsOf(factFamilies);
    for (const path of ['nope.x', 'os.nope', 'constructor.name', 'os.constructor', '__proto__.x', 'os', ''])
      expect(factDescription(descriptions, path)).toBeUndefined();
  });
});

import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Json, JsonObject } from '../model.js';
import { unknownFacts, type FactsOf, type TypedFactSpec } from './fact-types.js';
import { emptyFacts, updateFacts } from './updates/facts.js';

// A spec no probe has, with every kind of fact.
const specs = {
  enabled: { type: 'boolean', description: 'a switch' },
  count: { type: 'number', description: 'a count' },
  name: { type: 'string', description: 'a name' },
  settings: { type: 'object', description: 'a record' },
  rows: { type: 'array', items: 'json', description: 'records' },
  tags: { type: 'array', items: 'string', description: 'names, unknown as null' },
  evidence: { type: 'array', items: 'string', alwaysList: true, description: 'what was seen' },
} as const satisfies Record<string, TypedFactSpec>;

describe('FactsOf and unknownFacts', () => {
  it('give every fact its type, null when unknown except lists that are always lists', () => {
    expectTypeOf<FactsOf<typeof specs>>().toEqualTypeOf<{
      enabled: boolean | null;
      count: number | null;
      name: string | null;
      settings: JsonObject | null;
      rows: Json[] | null;
      tags: string[] | null;
      evidence: string[];
    }>();
    expect(unknownFacts(specs)).toEqual({ enabled: null, count: null, name: null, settings: null, rows: null, tags: null, evidence: [] });
    expect(Object.keys(unknownFacts(specs))).toEqual(Object.keys(specs));
  });

  it("start each record afresh: one probe run cannot change the next one's lists", () => {
    const first = unknownFacts(specs);
    first.evidence.push('seen');
    expect(unknownFacts(specs).evidence).toEqual([]);
  });

  it('are what the updates probe starts from: every documented fact, nothing else, unknown', () => {
    const facts = emptyFacts();
    expect(Object.keys(facts)).toEqual(Object.keys(updateFacts));
    for (const [name, value] of Object.entries(facts)) expect(value === null || (Array.isArray(value) && value.length === 0), name).toBe(true);
  });
});

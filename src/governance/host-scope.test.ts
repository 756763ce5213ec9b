import { describe, expect, it } from 'vitest';
import { describeScope, inScope } from './host-scope.js';

describe('host scope', () => {
  it('matches every host for all', () => {
    expect(inScope('all', 'anything')).toBe(true);
  });

  it('matches globs without regard to case, whole names only', () => {
    expect(inScope(['pc-dev-*'], 'PC-DEV-042')).toBe(true);
    expect(inScope(['pc-dev-*'], 'pc-prod-1')).toBe(false);
    expect(inScope(['lab-??'], 'lab-12')).toBe(true);
    expect(inScope(['lab-??'], 'lab-123')).toBe(false);
    expect(inScope(['web.example.lu'], 'webxexample.lu')).toBe(false);
    expect(inScope(['a', 'b*'], 'bee')).toBe(true);
  });

  it("matches *a*a*…*b against a 40+ character name without backtracking (an exponential matcher would not finish before the test's limit)", () => {
    const pattern = `${'*a'.repeat(25)}*b`;
    expect(inScope([pattern], 'a'.repeat(60))).toBe(false);
    expect(inScope([pattern], `${'a'.repeat(60)}B`)).toBe(true);
  });

  it('describes itself', () => {
    expect(describeScope('all')).toBe('all hosts');
    expect(describeScope(['a', 'b*'])).toBe('a, b*');
  });
});

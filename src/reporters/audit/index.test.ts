import { describe, expect, it } from 'vitest';
import { fleetReporters } from './index.js';

describe('fleet reporters registry', () => {
  it('has the four fleet formats under their own names', () => {
    expect(Object.keys(fleetReporters).sort()).toEqual(['csv', 'html', 'json', 'text']);
    for (const [name, reporter] of Object.entries(fleetReporters)) {
      expect(reporter.name).toBe(name);
      expect(reporter.extension).toMatch(/^\.[a-z]+$/);
      expect(reporter.description).not.toBe('');
    }
  });
});

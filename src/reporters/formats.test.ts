import { describe, expect, it } from 'vitest';
import { fleetReporters } from './audit/index.js';
import { formatForFile } from './formats.js';
import { reporters } from './index.js';
import type { FormatChoice } from './reporter.js';
import { policyReporters } from './policy/index.js';

const registries: Record<string, Readonly<Record<string, FormatChoice>>> = { report: reporters, fleet: fleetReporters, ...policyReporters };

describe('formats from the reporter registries', () => {
  it.each(Object.entries(registries))(
    '%s: every reporter is picked by each of its extensions, and no two share one',
    (_kind, registry: Readonly<Record<string, FormatChoice>>) => {
      const seen = new Map<string, string>();
      for (const reporter of Object.values(registry)) {
        for (const extension of [reporter.extension, ...(reporter.otherExtensions ?? [])]) {
          expect(extension).toMatch(/^\.[a-z0-9]+$/);
          expect(seen.get(extension), `${extension} of ${reporter.name}`).toBeUndefined();
          seen.set(extension, reporter.name);
          expect(formatForFile(Object.values(registry), `dir.d/Report${extension.toUpperCase()}`)).toBe(reporter.name);
        }
      }
    },
  );

  it('names no format for a file without an extension or with one no reporter has', () => {
    expect(formatForFile(Object.values(reporters), 'report')).toBeUndefined();
    expect(formatForFile(Object.values(reporters), '.json')).toBeUndefined();
    expect(formatForFile(Object.values(reporters), 'report.pdf')).toBeUndefined();
  });
});

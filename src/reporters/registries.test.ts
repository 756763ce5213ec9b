import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fleetReporters } from './audit/index.js';
import { reporters } from './index.js';
import { explainReporters, rulesReporters } from './policy/index.js';
import type { FormatChoice } from './reporter.js';

/** Every exported value of every module of a folder that has the shape of a reporter. */
const reportersDefinedIn = async (folder: URL): Promise<unknown[]> => {
  const found: unknown[] = [];
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    const module = (await import(new URL(name, folder).href)) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (typeof value !== 'object' || value === null) continue;
      const candidate = value as { name?: unknown; extension?: unknown; render?: unknown };
      if (typeof candidate.name === 'string' && typeof candidate.extension === 'string' && typeof candidate.render === 'function') found.push(value);
    }
  }
  return found;
};

const folders: { folder: URL; registries: Readonly<Record<string, FormatChoice>>[] }[] = [
  { folder: new URL('./', import.meta.url), registries: [reporters] },
  { folder: new URL('./policy/', import.meta.url), registries: [rulesReporters, explainReporters] },
  { folder: new URL('./audit/', import.meta.url), registries: [fleetReporters] },
];

describe('reporter registries equal their folders', () => {
  it.each(folders)('$folder.pathname', async ({ folder, registries }) => {
    const defined = new Set(await reportersDefinedIn(folder));
    const registered = new Set<unknown>(registries.flatMap((registry) => Object.values(registry)));
    expect(defined.size).toBeGreaterThan(0);
    // A reporter written but not registered (or registered from elsewhere) fails here.
    expect([...defined].filter((r) => !registered.has(r)).map((r) => (r as FormatChoice).name)).toEqual([]);
    expect([...registered].filter((r) => !defined.has(r)).map((r) => (r as FormatChoice).name)).toEqual([]);
    for (const registry of registries) for (const [key, reporter] of Object.entries(registry)) expect(reporter.name).toBe(key);
  });
});

describe('the single-report formats the CLI reads before loading a reporter', () => {
  it('are those of the reporters, in both directions', async () => {
    const { reportFormats } = await import('./choices.js');
    expect(Object.keys(reportFormats).sort()).toEqual(Object.keys(reporters).sort());
    for (const [name, reporter] of Object.entries(reporters)) {
      const format = (reportFormats as Readonly<Record<string, FormatChoice & { description: string }>>)[name];
      expect({ name: reporter.name, extension: reporter.extension, description: reporter.description }).toEqual(format);
    }
  });
});

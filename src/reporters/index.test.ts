import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reporters } from './index.js';

describe('reporter registry', () => {
  it('has one entry per reporter file, keyed by its name', () => {
    const here = new URL('.', import.meta.url).pathname;
    const files = readdirSync(here)
      .filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts') && !['index.ts', 'reporter.ts', 'escape.ts', 'colors.ts'].includes(n))
      .map((n) => n.replace(/\.ts$/, ''));
    expect(Object.keys(reporters).sort()).toEqual(files.sort());
    for (const [key, reporter] of Object.entries(reporters)) expect(reporter.name).toBe(key);
  });
});

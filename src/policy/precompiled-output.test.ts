/**
 * What `rules`, `explain` and `policy validate` print from a precompiled policy (the build's copy,
 * used when the file's text is the shipped one) is byte for byte what they print from the same file
 * through the full loader, for every shipped policy, every rule, every format and language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadFactDescriptions } from '../fact-descriptions.js';
import { languages } from '../model.js';
import { explainReporters } from '../reporters/policy/explain-reporters.js';
import { rulesReporters } from '../reporters/policy/rules-reporters.js';
import { loadPolicy } from './load.js';
import { precompiledEntry, precompiledPolicy, type PrecompiledTable } from './precompiled.js';

const policiesDir = new URL('../../policies/', import.meta.url).pathname;
const shipped = readdirSync(policiesDir).filter((name) => name.endsWith('.yaml') && !name.startsWith('.'));

describe.each(shipped)('the precompiled %s', (name) => {
  it('lists and explains every rule exactly as the full loader does', async () => {
    const file = join(policiesDir, name);
    const text = readFileSync(file, 'utf8');
    const full = await loadPolicy(file, { precompiled: false });
    const catalogs = ((parse(text) as { catalogs?: string[] }).catalogs ?? []).map((path) => ({
      path,
      text: readFileSync(join(dirname(file), path), 'utf8'),
    }));
    // Through JSON, as dist/policies.json stores it.
    const table = JSON.parse(JSON.stringify([precompiledEntry(full, text, catalogs)])) as PrecompiledTable;
    const fast = await precompiledPolicy(file, text, table);
    expect(fast).toBeDefined();
    if (fast === undefined) return;
    expect(fast.sha256).toBe(full.sha256);
    const facts = await loadFactDescriptions();
    let compared = 0;
    for (const language of languages) {
      const options = { language, displayPath: (path: string) => path.replace(policiesDir, 'policies/') };
      for (const reporter of Object.values(rulesReporters)) {
        expect(reporter.render(fast, options)).toBe(reporter.render(full, options));
        compared++;
      }
      for (const reporter of Object.values(explainReporters)) {
        for (const [index, rule] of full.rules.entries()) {
          const fastRule = fast.rules[index];
          expect(fastRule?.id).toBe(rule.id);
          if (fastRule === undefined) continue;
          expect(reporter.render({ policy: fast, rule: fastRule, facts }, options)).toBe(reporter.render({ policy: full, rule, facts }, options));
          compared++;
        }
      }
    }
    expect(compared).toBe(languages.length * (Object.keys(rulesReporters).length + Object.keys(explainReporters).length * full.rules.length));
    // What `policy validate` prints: id, version, rule and catalog counts.
    expect([fast.id, fast.version, fast.rules.length, fast.catalog.apps.length]).toEqual([full.id, full.version, full.rules.length, full.catalog.apps.length]);
  });
});

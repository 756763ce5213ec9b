import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { factFamilies } from './fact-families.js';
import { operatorNames } from './operators/index.js';
import { reporters } from './reporters/index.js';

const readmeUrl = new URL('../README.md', import.meta.url);
let readme = readFileSync(readmeUrl, 'utf8');

const start = '<!-- facts:start (generated from the probes by src/readme.test.ts; UPDATE_README=1 npm test rewrites it) -->';
const end = '<!-- facts:end -->';
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The facts table, from every probe's own fact descriptions. */
const factsTable = (): string => {
  const rows = Object.values(factFamilies)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .flatMap((family) => Object.entries(family.facts).map(([name, spec]) => `| \`${family.id}.${name}\` | ${spec.type} | ${cell(spec.description)} |`));
  return ['| fact | type | meaning |', '| --- | --- | --- |', ...rows].join('\n');
};

if (process.env.UPDATE_README === '1') {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from !== -1 && to > from) {
    readme = `${readme.slice(0, from + start.length)}\n${factsTable()}\n${readme.slice(to)}`;
    writeFileSync(readmeUrl, readme);
  }
}

/** README is the contract users read: it must name every fact path, operator and format. */
describe('README', () => {
  it('documents every fact path, with the table generated from the probes', () => {
    const from = readme.indexOf(start);
    const to = readme.indexOf(end);
    expect(from, 'README lacks the facts markers').toBeGreaterThan(-1);
    expect(readme.slice(from + start.length, to).trim(), 'README facts table is stale: run UPDATE_README=1 npm test').toBe(factsTable());
    for (const family of Object.values(factFamilies)) {
      for (const name of Object.keys(family.facts)) expect(readme).toContain(`\`${family.id}.${name}\``);
    }
  });

  it('documents every operator and format', () => {
    for (const name of operatorNames) expect(readme).toContain(`\`${name}\``);
    for (const name of Object.keys(reporters)) expect(readme).toContain(name);
  });

  it('starts with the two commands that install and run charter and its tests', () => {
    const head = readme.slice(0, 1200);
    expect(head).toContain('npm ci && node bin/charter.js check');
    expect(head).toContain('npm ci && npm test');
  });
});

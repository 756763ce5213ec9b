import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { factFamilies } from './fact-families.js';
import { operatorNames } from './operators/index.js';
import { reporters } from './reporters/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** README is the contract users read: it must name every fact path, operator and format. */
describe('README', () => {
  it('documents every fact path', () => {
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

import { readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { describers } from './describe/describers.js';
import { operatorNamed, operatorNames, operators } from './index.js';
import type { Operator } from './operator.js';

const notOperators = new Set(['operator.ts', 'index.ts', 'evaluate-expectation.ts']);
const operatorFiles = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !notOperators.has(e.name))
  .map((e) => e.name)
  .sort();
const camel = (file: string): string => file.replace(/\.ts$/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const registry: Readonly<Record<string, Operator>> = operators;

describe('operator registry', () => {
  it('registers every operator file under its camelCase name, and nothing else', () => {
    expect(operatorFiles.length).toBeGreaterThan(0);
    expect(operatorFiles.map(camel).sort()).toEqual([...operatorNames].sort());
  });

  it.each(operatorFiles)('%s exports the registered operator under its camelCase name', async (file) => {
    const name = camel(file);
    const module = (await import(`./${file.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
    expect(module[name]).toBe(registry[name]);
    expect(registry[name]?.name).toBe(name);
  });

  it('has one describer per operator, and each operator describes with its describer', () => {
    const table: Readonly<Record<string, unknown>> = describers;
    expect(Object.keys(table).sort()).toEqual([...operatorNames]);
    // Compared as values, never called: the identity of each operator's describe with its describer.
    for (const name of operatorNames) expect(registry[name] === undefined ? undefined : Reflect.get(registry[name], 'describe'), name).toBe(table[name]);
  });

  it('has unique names', () => {
    const names = Object.values(registry).map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(Object.values(registry).map((o) => [o.name, o] as const))(
    '%s has a description and an options schema that ajv compiles in strict mode',
    (_, operator) => {
      expect(operator.description).toMatch(/^[A-Z].*\.$/);
      const ajv = new Ajv2020({ strict: true });
      expect(() => ajv.compile(operator.optionsSchema)).not.toThrow();
    },
  );

  it('sets acceptsUnknown on exists only', () => {
    expect(
      Object.values(registry)
        .filter((o) => o.acceptsUnknown === true)
        .map((o) => o.name),
    ).toEqual(['exists']);
  });

  it('looks operators up by own key only', () => {
    expect(operatorNamed('atMost')).toBe(operators.atMost);
    expect(operatorNamed('toString')).toBeUndefined();
    expect(operatorNamed('__proto__')).toBeUndefined();
    expect(operatorNamed('hasOwnProperty')).toBeUndefined();
  });
});

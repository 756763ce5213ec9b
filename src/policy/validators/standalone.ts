/**
 * ajv standalone code for every schema of schemas.ts: a module with the same `validator(name)` as
 * index.ts, which the build puts in its place (scripts/validators-plugin.mjs).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
// CommonJS: the default import is module.exports, whose `default` is the function.
import standalone from 'ajv/dist/standalone/index.js';
import { ajvOptions, validatedSchemas, validatorNames } from './schemas.js';

/** The module's source: ESM for the bundle, CommonJS to evaluate in a test. */
export const standaloneModule = (format: 'esm' | 'cjs'): string => {
  const ajv = new Ajv2020({ ...ajvOptions, code: { source: true, esm: format === 'esm' } });
  for (const name of validatorNames) ajv.addSchema(validatedSchemas[name]);
  const code = standalone.default(ajv, Object.fromEntries(validatorNames.map((name) => [name, validatedSchemas[name].$id])));
  const table = `{ ${validatorNames.map((name) => `${JSON.stringify(name)}: ${name}`).join(', ')} }`;
  const lookup = `const validators = ${table};\nconst validatorOf = (name) => { if (!Object.hasOwn(validators, name)) throw new Error('no validator ' + name); return validators[name]; };\n`;
  return format === 'esm'
    ? `${code}\n${lookup}export const validator = validatorOf;\n`
    : `${code}\n${lookup.replace(table, table.replace(/: (\w+)/g, ': exports.$1'))}exports.validator = validatorOf;\n`;
};

import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { ajvOptions } from './validators/schemas.js';

let ajv: Ajv2020 | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * A schema compiled by ajv at run time, once per process (cached by object identity): for the
 * schemas only known at run time (each operator's options). The fixed schemas are validators/.
 */
export const compileSchema = (schema: object): ValidateFunction => {
  ajv ??= new Ajv2020(ajvOptions);
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
};

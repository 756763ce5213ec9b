/**
 * The validator of each fixed JSON Schema (schemas.ts). Here, from source, ajv compiles a schema
 * the first time it is asked for; in dist/ and the single executable, the build replaces this
 * module by ajv standalone code generated from the same schemas (standalone.ts and
 * scripts/validators-plugin.mjs), so a run never loads ajv's compiler nor compiles a schema.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { compileSchema } from '../compile-schema.js';
import { validatedSchemas, type ValidatorName } from './schemas.js';

export const validator = (name: ValidatorName): ValidateFunction => compileSchema(validatedSchemas[name]);

import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** Throws with ajv's messages when `report` does not follow schemas/report.schema.json. */
export const assertValidReport = (report: unknown): void => {
  if (!validate(report)) {
    throw new Error(`report does not match schemas/report.schema.json: ${JSON.stringify(validate.errors, null, 2)}`);
  }
};

/**
 * The JSON Schemas charter validates input and output against, by name, with the ajv options they
 * are compiled with: the one list both the runtime validators (index.ts) and the build's ajv
 * standalone code (standalone.ts) are made from.
 */
import attestationsSchema from '../../../schemas/attestations.schema.json' with { type: 'json' };
import catalogSchema from '../../../schemas/catalog.schema.json' with { type: 'json' };
import policySchema from '../../../schemas/policy.schema.json' with { type: 'json' };
import reportSchema from '../../../schemas/report.schema.json' with { type: 'json' };
import snapshotSchema from '../../../schemas/snapshot.schema.json' with { type: 'json' };
import waiversSchema from '../../../schemas/waivers.schema.json' with { type: 'json' };

/** The policy schema without the condition union: conditions get hand-written, precise messages (condition-problems.ts). */
export const structuralPolicySchema = {
  ...policySchema,
  $defs: { ...policySchema.$defs, condition: { type: 'object' }, expectation: { type: 'object' } },
};

export const validatedSchemas = {
  policy: structuralPolicySchema,
  catalog: catalogSchema,
  waivers: waiversSchema,
  attestations: attestationsSchema,
  snapshot: snapshotSchema,
  report: reportSchema,
} as const satisfies Record<string, object>;

export type ValidatorName = keyof typeof validatedSchemas;

export const validatorNames = Object.keys(validatedSchemas) as ValidatorName[];

/** Every problem at once; unknown keywords and formats are not errors. */
export const ajvOptions = { allErrors: true, strict: false } as const;

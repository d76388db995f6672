/** The policy's JSON Schema, generated from the zod schema so editors validate as the loader does. */
import { z } from 'zod';
import { policySchema } from './policy-schema.js';

/** JSON Schema (draft 2020-12) of a policy document as written (defaults optional). */
export function policyJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(policySchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://switchyard.dev/schemas/policy-v1.json',
    title: 'Switchyard routing policy',
  };
}

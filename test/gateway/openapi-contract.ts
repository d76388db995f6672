/**
 * Validates gateway responses against the pinned copy of OpenAI's OpenAPI document
 * (gateway/openapi/openai-openapi-subset.json) with Ajv's JSON Schema 2020-12 validator
 * (OpenAPI 3.1 schemas are 2020-12 schemas).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

const document = withNullableAsAnyOf(JSON.parse(readFileSync(new URL('../../gateway/openapi/openai-openapi-subset.json', import.meta.url), 'utf8'))) as Record<string, unknown>;
// Non-strict: OpenAPI adds keywords (x-oaiMeta, discriminator, deprecated) a JSON Schema validator does not know.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(document, 'openai');

/**
 * OpenAI's 3.1 document still carries OpenAPI 3.0's `nullable: true`, beside `$ref`/`anyOf` (no
 * `type`, which Ajv refuses) and beside `enum` (which then still refuses null); it means "this, or
 * null", so say exactly that in 2020-12.
 */
function withNullableAsAnyOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withNullableAsAnyOf);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withNullableAsAnyOf(value)]));
  if (entries.nullable !== true) return entries;
  const { nullable: _nullable, description, ...rest } = entries;
  return { ...(description === undefined ? {} : { description }), anyOf: [rest, { type: 'null' }] };
}

/** The schema errors of `value` against `components/schemas/<name>`, or an empty list. */
export function contractErrors(name: string, value: unknown): string[] {
  const validate = ajv.getSchema(`openai#/components/schemas/${name}`);
  if (!validate) throw new Error(`schema ${name} is not in the pinned OpenAPI subset`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

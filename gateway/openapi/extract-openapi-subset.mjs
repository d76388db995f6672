// Regenerates openai-openapi-subset.json: the paths the gateway serves from OpenAI's published
// OpenAPI document (github.com/openai/openai-openapi, openapi.json), with every schema they reach.
// Usage: node gateway/openapi/extract-openapi-subset.mjs <path to openapi.json> <commit>
import { readFileSync, writeFileSync } from 'node:fs';

const [source, commit] = process.argv.slice(2);
if (!source || !commit) throw new Error('usage: extract-openapi-subset.mjs <openapi.json> <commit>');
const spec = JSON.parse(readFileSync(source, 'utf8'));
const served = { '/chat/completions': ['post'], '/models': ['get'], '/embeddings': ['post'] };
const paths = {};
for (const [path, methods] of Object.entries(served)) {
  paths[path] = Object.fromEntries(methods.map((method) => [method, spec.paths[path][method]]));
}
const components = {};
const pending = [paths];
const seen = new Set();
while (pending.length > 0) {
  const node = pending.pop();
  if (node === null || typeof node !== 'object') continue;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/') && !seen.has(value)) {
      seen.add(value);
      const [, , kind, name] = value.split('/');
      (components[kind] ??= {})[name] = spec.components[kind][name];
      pending.push(spec.components[kind][name]);
    } else pending.push(value);
  }
}
components.schemas.ErrorResponse ??= spec.components.schemas.ErrorResponse;
components.schemas.Error ??= spec.components.schemas.Error;
const subset = {
  openapi: spec.openapi,
  info: { ...spec.info, 'x-switchyard-source': `https://github.com/openai/openai-openapi/blob/${commit}/openapi.json`, 'x-switchyard-subset': Object.keys(served) },
  paths,
  components,
};
writeFileSync(new URL('./openai-openapi-subset.json', import.meta.url), `${JSON.stringify(subset, null, 1)}\n`);
console.log(`wrote ${Object.keys(components.schemas).length} schemas`);

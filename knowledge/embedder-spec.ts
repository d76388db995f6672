/**
 * Embedders named by a short spec, for config and the command line: `lexical`, `lexical:384`,
 * `onnx:<pulled model>` (in-process, e.g. onnx:all-minilm:l6-v2),
 * `ollama:<model>` (OLLAMA_HOST), `openai:<model>` (OPENAI_BASE_URL, OPENAI_API_KEY; a cloud
 * embedder unless SWITCHYARD_EMBEDDER_LOCATION=local).
 */
import type { Embedder } from './embedder.js';
import { KnowledgeError } from './knowledge-error.js';
import { createLexicalEmbedder } from './lexical-embedder.js';
import { createOllamaEmbedder } from './ollama-embedder.js';
import { createOnnxEmbedder, DEFAULT_ONNX_EMBEDDING_MODEL, onnxModelPresent } from './onnx-embedder.js';
import { createOpenAIEmbedder } from './openai-embedder.js';

/**
 * The spec used when none is given (env SWITCHYARD_EMBEDDER overrides it): the real ONNX embedder
 * when `switchyard models pull all-minilm:l6-v2` has put its files on disk, the lexical one
 * otherwise. Checked on each call, so a process that just pulled the embedder sees it.
 */
export function defaultEmbedderSpec(): string {
  return onnxModelPresent() ? `onnx:${DEFAULT_ONNX_EMBEDDING_MODEL}` : 'lexical';
}

/** Every spec kind createEmbedderFromSpec understands. */
const embedderKinds = ['lexical', 'onnx', 'ollama', 'openai'] as const;

/** Creates the embedder a spec names; an unknown kind throws, listing the known ones. */
export function createEmbedderFromSpec(spec: string, environment: NodeJS.ProcessEnv = process.env): Embedder {
  const separator = spec.indexOf(':');
  const kind = separator < 0 ? spec : spec.slice(0, separator);
  const argument = separator < 0 ? '' : spec.slice(separator + 1);
  switch (kind) {
    case 'lexical':
      if (argument !== '' && !/^\d+$/.test(argument)) throw new KnowledgeError('InvalidOption', `Embedder spec "${spec}": lexical takes a dimension count, e.g. lexical:384`);
      return createLexicalEmbedder(argument === '' ? {} : { dimensions: Number(argument) });
    case 'onnx':
      return createOnnxEmbedder({ model: argument === '' ? DEFAULT_ONNX_EMBEDDING_MODEL : argument, ...(environment.SWITCHYARD_MODELS_DIR ? { modelsDir: environment.SWITCHYARD_MODELS_DIR } : {}) });
    case 'ollama':
      return createOllamaEmbedder({ model: required(spec, argument), ...(environment.OLLAMA_HOST ? { host: environment.OLLAMA_HOST } : {}) });
    case 'openai':
      return createOpenAIEmbedder({
        model: required(spec, argument),
        baseUrl: environment.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
        ...(environment.OPENAI_API_KEY ? { apiKey: environment.OPENAI_API_KEY } : {}),
        location: environment.SWITCHYARD_EMBEDDER_LOCATION === 'local' ? 'local' : 'cloud',
      });
    default:
      throw new KnowledgeError('InvalidOption', `Unknown embedder "${spec}"; known kinds: ${embedderKinds.join(', ')} (e.g. lexical, onnx:all-minilm:l6-v2, ollama:nomic-embed-text, openai:text-embedding-3-small)`);
  }
}

function required(spec: string, model: string): string {
  if (model === '') throw new KnowledgeError('InvalidOption', `Embedder spec "${spec}" names no model, e.g. ${spec}:nomic-embed-text`);
  return model;
}

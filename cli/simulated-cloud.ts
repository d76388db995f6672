/**
 * The demo's SIMULATED cloud: with no cloud key set, the demo starts the model-server double (the
 * tests' stand-in speaking the real OpenAI and Ollama wire) and points every unconfigured cloud
 * backend at it, so public requests show an answer. Every answer says it is simulated, and the
 * demo's table marks it: nothing leaves the machine.
 */
import type { Policy } from '../routing/policy-schema.js';
import { startModelServer, type ModelServer } from '../test/doubles/model-server.js';

/** The key the cloud worker is given for the simulated cloud: a label, not a secret. */
export const SIMULATED_CLOUD_KEY = 'simulated-cloud-no-real-key';

/** A running simulated cloud and the environment that points the policy's cloud backends at it. */
export interface SimulatedCloud {
  server: ModelServer;
  /** Backend ids now served by the simulation. */
  backends: string[];
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts the simulation when some cloud backend has no key in `env`; undefined when all have one. */
export async function startSimulatedCloudIfUnconfigured(policy: Policy, env: NodeJS.ProcessEnv): Promise<SimulatedCloud | undefined> {
  const unconfigured = Object.entries(policy.backends).filter(([, backend]) => backend.kind === 'cloud' && backend.apiKeyEnv && !env[backend.apiKeyEnv] && backend.baseUrlEnv);
  if (unconfigured.length === 0) return undefined;
  const simulatedIds = new Set(unconfigured.map(([id]) => id));
  const models = Object.values(policy.models).filter((model) => simulatedIds.has(model.backend)).map((model) => model.name);
  const server = await startModelServer({ models });
  server.script((call) => {
    // Judgement requests (self-assessment, verifier) get the JSON they ask for.
    if (call.responseFormat) return JSON.stringify({ confidence: 0.9, rationale: 'SIMULATED cloud: a fixed rating, no model ran.' });
    const question = call.messages.at(-1)?.content ?? '';
    const text = `[SIMULATED cloud ${call.model}] No cloud key is set, so no cloud model ran; this stand-in received ${question.length} characters. Set OPENAI_API_KEY for a real answer.`;
    // Confident by construction, so the table shows the simulated answer rather than a further climb.
    return { text, logprobs: text.split(' ').map((word, index) => ({ token: index === 0 ? word : ` ${word}`, logprob: -0.01 })) };
  });
  const simulatedEnv: Record<string, string> = {};
  for (const [, backend] of unconfigured) {
    simulatedEnv[backend.baseUrlEnv!] = backend.protocol === 'ollama' ? server.ollamaUrl : server.openaiUrl;
    simulatedEnv[backend.apiKeyEnv!] = SIMULATED_CLOUD_KEY;
  }
  return { server, backends: unconfigured.map(([id]) => id), env: simulatedEnv, close: () => server.close() };
}

/**
 * Confidence without log-probabilities: the same model rates its own answer (self-assessment) or a
 * verifier model named by the policy judges it, both as structured output over the real wire
 * protocols; the rating drives escalation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSwitchyardCluster, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { ESCALATION_MODELS, escalationPolicy } from '../harness/test-policy.js';

/** Answers plainly, and answers a confidence request (structured output) with the given rating per model. */
function scriptRatings(cluster: SwitchyardCluster, ratings: Record<string, number>): void {
  for (const server of [cluster.localModels, cluster.cloudModels]) {
    server.script((call) =>
      call.responseFormat ? JSON.stringify({ confidence: ratings[call.model] ?? 0.5, rationale: `rated by ${call.model}` }) : `answer from ${call.model}`,
    );
  }
}

describe.each(['self-assessment', 'verifier'] as const)('confidence by %s', (method) => {
  let cluster: SwitchyardCluster;
  beforeAll(async () => {
    cluster = await startSwitchyardCluster({
      models: ESCALATION_MODELS,
      policy: (targets) => escalationPolicy(targets, { confidenceMethod: method, ...(method === 'verifier' ? { verifierModel: 'local-large' } : {}) }),
    });
  });
  afterAll(async () => cluster?.close());

  it(`escalates when the ${method} rating is low and stops when it is high`, async () => {
    // Self-assessment: each model rates itself. Verifier: local-large rates everything.
    scriptRatings(cluster, method === 'verifier' ? { 'large-model': 0.9 } : { 'small-model': 0.3, 'large-model': 0.9 });
    const { result } = await cluster.run({ prompt: 'What is the policy on remote work?' });

    const judged = cluster.localModels.requests.filter((request) => request.responseFormat);
    expect(judged.length).toBeGreaterThan(0);
    if (method === 'verifier') {
      expect(judged.every((request) => request.model === 'large-model')).toBe(true);
      expect(result.attempts).toHaveLength(1);
      expect(result.confidence).toBe(0.9);
    } else {
      expect(result.attempts.map((attempt) => [attempt.model, attempt.confidence])).toEqual([['local-small', 0.3], ['local-large', 0.9]]);
      expect(result.escalation).toBe('model');
    }
    expect(result.confidenceMethod).toBe(method);
    expect(result.status).toBe('answered');
  });
});

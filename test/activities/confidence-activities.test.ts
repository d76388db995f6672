/** The confidence activity, run against the model-server double over HTTP with both real backends. */
import { failureOf } from '../harness/failure-of.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConfidenceActivities, invalidConfidenceFailureType, type ConfidenceActivities } from '../../activities/confidence-activities.js';
import { createBackendRegistry } from '../../backends/backend-registry.js';
import { selfAssessmentJsonSchema } from '../../backends/confidence.js';
import { createBackend } from '../../backends/create-backend.js';
import { startModelServer, type ModelServer } from '../doubles/model-server.js';


describe('assessConfidence', () => {
  let server: ModelServer;
  let activities: ConfidenceActivities;
  const exchange = { question: 'What is the capital of Portugal?', answer: 'Lisbon.' };
  const chats = () => server.requests.filter((request) => request.method === 'POST');

  beforeAll(async () => {
    server = await startModelServer();
    const backends = createBackendRegistry([
      createBackend({ id: 'local', protocol: 'ollama', baseUrl: server.ollamaUrl, timeoutMs: 5_000 }),
      createBackend({ id: 'judge', protocol: 'openai-compatible', baseUrl: server.openaiUrl, timeoutMs: 5_000 }),
    ]);
    activities = createConfidenceActivities({ backends });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.reset();
  });

  it('self-assessment: the answering model rates its own answer through structured output', async () => {
    server.script('{"confidence": 0.92, "rationale": "Lisbon is the capital."}');
    const result = await activities.assessConfidence({ backend: 'local', model: 'double-small', method: 'self-assessment', ...exchange });
    expect(result).toEqual({ confidence: 0.92, method: 'self-assessment', rationale: 'Lisbon is the capital.' });
    const [request] = chats();
    expect(request).toMatchObject({ protocol: 'ollama', model: 'double-small', responseFormat: { kind: 'json_schema', schema: selfAssessmentJsonSchema() } });
    expect(request?.messages?.slice(0, 2)).toEqual([
      { role: 'user', content: exchange.question },
      { role: 'assistant', content: exchange.answer },
    ]);
  });

  it('verifier: another model judges the answer, on its own backend and protocol', async () => {
    server.script('```json\n{"confidence": 0.3, "rationale": "Unsupported claim."}\n```');
    const result = await activities.assessConfidence({ backend: 'judge', model: 'double-large', method: 'verifier', ...exchange });
    expect(result).toEqual({ confidence: 0.3, method: 'verifier', rationale: 'Unsupported claim.' });
    const [request] = chats();
    expect(request).toMatchObject({ protocol: 'openai', model: 'double-large', responseFormat: { kind: 'json_schema', name: 'confidence_assessment', strict: true } });
    expect(request?.messages?.[0]?.role).toBe('system');
    expect(request?.messages?.[1]?.content).toContain(`<answer>\n${exchange.answer}\n</answer>`);
  });

  it('fails retryably with InvalidConfidence, quoting the first 200 characters, when the model gives no JSON', async () => {
    const rambling = `I think it is right. ${'x'.repeat(300)}`;
    server.script(rambling);
    const failure = await failureOf(activities.assessConfidence({ backend: 'local', model: 'double-small', method: 'self-assessment', ...exchange }));
    expect(failure).toMatchObject({ type: invalidConfidenceFailureType, nonRetryable: false });
    expect(failure.message).toContain(JSON.stringify(rambling.slice(0, 200)));
    expect(failure.message).not.toContain(rambling.slice(0, 201));
    expect(failure.message).toContain('self-assessment by local/double-small');
  });

  it('fails retryably with InvalidConfidence when the confidence is outside 0..1, never clamping it', async () => {
    server.script('{"confidence": 95, "rationale": "very sure"}');
    const failure = await failureOf(activities.assessConfidence({ backend: 'judge', model: 'double-large', method: 'verifier', ...exchange }));
    expect(failure).toMatchObject({ type: 'InvalidConfidence', nonRetryable: false });
    expect(failure.message).toContain('confidence');
    expect(failure.message).toContain('{\\"confidence\\": 95');
  });

  it('turns a backend failure into an ApplicationFailure with the backend error type', async () => {
    server.injectFailures({ status: 400, body: 'schema not supported' });
    const failure = await failureOf(activities.assessConfidence({ backend: 'judge', model: 'double-large', method: 'verifier', ...exchange }));
    expect(failure).toMatchObject({ type: 'BadRequest', nonRetryable: true });
    expect(failure.message).toContain('schema not supported');
  });

  it('fails non-retryably, naming the known backends, for an unknown backend', async () => {
    const failure = await failureOf(activities.assessConfidence({ backend: 'nowhere', model: 'double-small', method: 'verifier', ...exchange }));
    expect(failure).toMatchObject({ type: 'UnknownBackend', nonRetryable: true });
    expect(failure.message).toContain('"local", "judge"');
  });
});

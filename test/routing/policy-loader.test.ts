/** Loading a policy: every problem names the file, the line, the path and what was expected. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile, parsePolicy } from '../../routing/policy-loader.js';
import { trainTopicModel } from '../../classification/topics/topic-model.js';
import { sensitiveStaysLocalYaml } from '../harness/test-policy.js';
import { problemsOf } from './policy-problems.js';

const valid = sensitiveStaysLocalYaml({ localUrl: 'http://127.0.0.1:1', cloudUrl: 'http://127.0.0.1:2/v1', suffix: 'x' });

describe('policy loader', () => {
  it('loads the shipped default policy and stamps a name@hash version', async () => {
    const policy = await loadPolicyFile('policies/default.yaml');
    expect(policy.version).toMatch(/^default@[0-9a-f]{12}$/);
    expect(Object.keys(policy.models)).toEqual(['handbook-answerer', 'local-small', 'local-large', 'cloud-fast', 'cloud-frontier']);
  });

  it('gives the same version for the same bytes and a different one after any edit', () => {
    expect(parsePolicy(valid).version).toBe(parsePolicy(valid).version);
    expect(parsePolicy(`${valid}\n# edited`).version).not.toBe(parsePolicy(valid).version);
  });

  it('names file, line, path and expectation for a value of the wrong type', () => {
    const error = problemsOf(valid.replace('{ name: public, sensitive: false }', '{ name: public, sensitive: "no" }'));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ pointer: '/dataClasses/0/sensitive', line: 5 });
    expect(error.message).toContain('policy.yaml:5:');
    expect(error.message).toContain('expected boolean');
  });

  it('rejects a model on an unknown backend and lists the known ones', () => {
    const error = problemsOf(valid.replace('backend: local-ollama,', 'backend: local-olama,'));
    expect(error.issues[0]!.pointer).toBe('/models/local-small/backend');
    expect(error.message).toContain('unknown backend "local-olama"; expected one of "local-ollama", "cloud-openai"');
  });

  it('rejects a rule that names an unknown model', () => {
    const error = problemsOf(valid.replace('when: { department: [legal] }, model: local-small', 'when: { department: [legal] }, model: local-large'));
    expect(error.issues.map((issue) => issue.pointer)).toContain('/rules/0/model');
  });

  it('rejects a rule that could send a sensitive class to a cloud backend', () => {
    const error = problemsOf(valid.replace('{ name: sensitive-stays-local, when: { sensitive: true }, model: local-small }', '{ name: sensitive-to-cloud, when: { sensitive: true }, model: cloud-fast }'));
    const pointers = error.issues.map((issue) => issue.pointer);
    expect(pointers).toContain('/rules/1/model');
    expect(error.message).toContain('rule "sensitive-to-cloud" could send sensitive "confidential", "restricted" data to cloud model "cloud-fast"');
  });

  it('rejects a cloud default that sensitive classes can reach when no rule keeps them local', () => {
    const error = problemsOf(valid.replace(/ {2}- \{ name: sensitive-stays-local.*\n/, ''));
    expect(error.issues.map((issue) => issue.pointer)).toEqual(['/default/model']);
    expect(error.message).toContain('sensitive "confidential", "restricted" data can reach the default route');
  });

  it('rejects a department-only rule to cloud because it could match sensitive requests', () => {
    const error = problemsOf(valid.replace('{ name: legal-stays-local, when: { department: [legal] }, model: local-small }', '{ name: marketing-cloud, when: { department: [marketing] }, model: cloud-fast }'));
    expect(error.issues.map((issue) => issue.pointer)).toEqual(['/rules/0/model']);
  });

  it('accepts a cloud rule limited to non-sensitive classes', () => {
    const policy = parsePolicy(valid.replace('{ name: legal-stays-local, when: { department: [legal] }, model: local-small }', '{ name: public-code-cloud, when: { dataClass: [public], taskType: [code] }, model: cloud-fast }'));
    expect(policy.rules[0]!.name).toBe('public-code-cloud');
  });

  it('rejects unknown keys and says to fix the spelling', () => {
    const error = problemsOf(valid.replace('defaultClass: public', 'defaultClass: public\ndefualt_model: x'));
    expect(error.issues[0]!.message).toContain('unknown key(s) "defualt_model"');
  });

  it('reports YAML syntax errors with their line', () => {
    const error = problemsOf('format: 1\nname: [unclosed\n');
    expect(error.issues[0]!.message).toContain('YAML syntax');
    expect(error.issues[0]!.line).toBeGreaterThan(0);
  });

  it('says when the file cannot be read', async () => {
    await expect(loadPolicyFile('policies/does-not-exist.yaml')).rejects.toThrow(/policies\/does-not-exist.yaml.*cannot read the file/s);
  });

  it('keeps the committed JSON Schema in step with the zod schema', async () => {
    const { policyJsonSchema } = await import('../../routing/policy-json-schema.js');
    const committed = JSON.parse(await readFile('routing/policy.schema.json', 'utf8'));
    expect(committed).toEqual(policyJsonSchema());
  });

  it("checks topic names against the user's topic model when SWITCHYARD_TOPIC_MODEL names one", async () => {
    const folder = await mkdtemp(join(tmpdir(), 'switchyard-topics-'));
    const policyFile = join(folder, 'policy.yaml');
    await writeFile(policyFile, valid.replace('entities: [CREDIT_CARD', 'topics: [billing], entities: [CREDIT_CARD'));
    // Without the user's model, "billing" is a topic nothing marks: refused, naming the known topics.
    await expect(loadPolicyFile(policyFile, undefined, {})).rejects.toThrow(/unknown topic "billing"; the topic classifier marks .*health/s);
    const model = trainTopicModel([
      { text: 'invoice overdue payment reminder', topic: 'billing' },
      { text: 'refund the invoice amount', topic: 'billing' },
      { text: 'the printer on floor two is jammed', topic: 'facilities' },
      { text: 'the meeting room heating is broken', topic: 'facilities' },
    ]);
    const modelFile = join(folder, 'topics.json');
    await writeFile(modelFile, JSON.stringify(model.toJSON()));
    const policy = await loadPolicyFile(policyFile, undefined, { SWITCHYARD_TOPIC_MODEL: modelFile });
    expect(policy.dataClasses.some((dataClass) => dataClass.topics.includes('billing'))).toBe(true);
  });
});

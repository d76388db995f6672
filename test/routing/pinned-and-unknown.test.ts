/**
 * Rules that pin a request local, the named stay-local model, and failing closed on names the
 * engine or the policy does not know.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '../../classification/entity-types.js';
import { classifyByPolicy } from '../../routing/data-classes.js';
import { planLocalUnavailable } from '../../routing/escalation.js';
import { PolicyError } from '../../routing/policy-error.js';
import { loadPolicyFile, parsePolicy } from '../../routing/policy-loader.js';
import { firstLocalModel, route } from '../../routing/route.js';
import { sensitiveStaysLocalYaml } from '../harness/test-policy.js';
import { problemsOf } from './policy-problems.js';

const DEFAULT_POLICY = fileURLToPath(new URL('../../policies/default.yaml', import.meta.url));
const targets = { localUrl: 'http://127.0.0.1:1', cloudUrl: 'http://127.0.0.1:2/v1', suffix: 'p' };
const valid = sensitiveStaysLocalYaml(targets);
/** The test policy with legal pinned local and capacity fallback to cloud. */
const pinnedYaml = valid
  .replace('{ name: legal-stays-local, when: { department: [legal] }, model: local-small }', '{ name: legal-stays-local, when: { department: [legal] }, model: local-small, staysLocal: true }')
  .replace('default: { model: cloud-fast }', 'default: { model: cloud-fast }\nfallback: { localUnavailable: cloud, cloudModel: cloud-fast }');

describe('rules that pin a request local', () => {
  it('marks the decision staysLocal when the matched rule says so, and only then', () => {
    const policy = parsePolicy(pinnedYaml);
    expect(route({ dataClass: 'public', sensitive: false, taskType: 'general', department: 'legal' }, policy)).toMatchObject({ rule: 'legal-stays-local', backendKind: 'local', staysLocal: true });
    expect(route({ dataClass: 'public', sensitive: false, taskType: 'general', department: 'sales' }, policy)).toMatchObject({ backendKind: 'cloud', staysLocal: false });
  });

  it('never plans a capacity fallback to cloud for a pinned public request (the workflow passes sensitive || staysLocal)', () => {
    const policy = parsePolicy(pinnedYaml);
    const decision = route({ dataClass: 'public', sensitive: false, taskType: 'general', department: 'legal' }, policy);
    expect(planLocalUnavailable(policy, false)).toMatchObject({ action: 'switch', model: 'cloud-fast' });
    const plan = planLocalUnavailable(policy, decision.staysLocal);
    expect(plan.action).toBe('wait');
  });

  it('pins the default policy\'s legal department local', async () => {
    const policy = await loadPolicyFile(DEFAULT_POLICY);
    expect(route({ dataClass: 'public', sensitive: false, taskType: 'general', department: 'legal' }, policy)).toMatchObject({ rule: 'legal-stays-local', staysLocal: true, backendKind: 'local' });
  });

  it('rejects a pinned rule that names a cloud model', () => {
    const error = problemsOf(pinnedYaml.replace('department: [legal] }, model: local-small, staysLocal: true', 'department: [legal] }, model: cloud-fast, staysLocal: true'));
    expect(error.message).toContain('staysLocal: true but model "cloud-fast" is on a cloud backend');
  });

  it('never redacts-then-clouds a pinned request, whatever its class allows', () => {
    const policy = parsePolicy(pinnedYaml.replace('{ name: confidential, sensitive: true,', '{ name: confidential, sensitive: true, redactForCloud: true,'));
    expect(route({ dataClass: 'confidential', sensitive: true, taskType: 'general', department: 'legal' }, policy)).toMatchObject({ redact: false, backendKind: 'local', staysLocal: true });
  });
});

describe('the named stay-local model', () => {
  it('is the default policy\'s fallback.localModel, not the extractive handbook answerer', async () => {
    const policy = await loadPolicyFile(DEFAULT_POLICY);
    expect(firstLocalModel(policy)).toBe('local-small');
  });

  it('defaults to the first local model that generates text when the policy names none', async () => {
    const policy = await loadPolicyFile(DEFAULT_POLICY);
    const { localModel: _named, ...fallback } = policy.fallback;
    expect(firstLocalModel({ ...policy, fallback })).toBe('local-small');
  });

  it('rejects a fallback.localModel that is a cloud model or the extractive answerer', async () => {
    const text = await readFile(DEFAULT_POLICY, 'utf8');
    expect(problemsOf(text.replace('localModel: local-small', 'localModel: cloud-fast')).message).toContain('expected a local model');
    expect(problemsOf(text.replace('localModel: local-small', 'localModel: handbook-answerer')).message).toContain('extractive answerer');
    expect(problemsOf(text.replace('localModel: local-small', 'localModel: local-tiny')).message).toContain('unknown model "local-tiny"');
  });
});

describe('failing closed on unknown names', () => {
  it('puts a detected entity type that no class names in the fail-closed class, with a reason', () => {
    const policy = parsePolicy(valid);
    const verdict = classifyByPolicy(policy, ['US_PASSPORT']);
    expect(verdict).toMatchObject({ dataClass: 'restricted', sensitive: true });
    expect(verdict.reasons.join(' ')).toContain('US_PASSPORT found; no data class of the policy names it, so it fails closed');
  });

  it('rejects a misspelt entity type (US_SNN) and lists the known ones', () => {
    const error = problemsOf(valid.replace('US_SSN', 'US_SNN'));
    expect(error.issues[0]!.pointer).toBe('/dataClasses/2/entities/2');
    expect(error.message).toContain('unknown entity type "US_SNN"; the classifier reports');
    for (const type of ENTITY_TYPES) expect(error.message).toContain(`"${type}"`);
  });

  it('rejects an unknown topic and lists the known ones', () => {
    const error = problemsOf(valid.replace('{ name: public, sensitive: false }', '{ name: public, sensitive: false, topics: [heath] }'));
    expect(error.message).toContain('unknown topic "heath"; the topic classifier marks "health", "legal", "finance", "hr", "security", "general"');
  });

  it('with US_SSN renamed in a policy, an SSN is never public: the policy is rejected, and a hand-built one fails closed', () => {
    expect(() => parsePolicy(valid.replace('US_SSN', 'US_SNN'))).toThrow(PolicyError);
    const policy = parsePolicy(valid);
    const renamed = { ...policy, dataClasses: policy.dataClasses.map((dataClass) => ({ ...dataClass, entities: dataClass.entities.map((name) => (name === 'US_SSN' ? 'US_SNN' : name)) })) };
    expect(classifyByPolicy(renamed, ['US_SSN'])).toMatchObject({ dataClass: 'restricted', sensitive: true });
  });
});

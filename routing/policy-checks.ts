/**
 * Checks across the policy document that a schema cannot express: references resolve, and no rule
 * (nor the default route) could send a sensitive class to a cloud backend — the first of the three
 * enforcements of the never-broken rule.
 */
import { firstLocalModelOf, isExtractive, modelKind } from './model-kind.js';
import { ENTITY_TYPES } from '../classification/entity-types.js';
import { BUILT_IN_TOPICS } from '../classification/topics/built-in-topics.js';
import type { PolicyDocument, RuleConfig } from './policy-schema.js';

/** One problem found in a policy, located by its path in the document. */
export interface PolicyProblem {
  path: (string | number)[];
  message: string;
}

/** Names the engine knows, against which a policy's entity and topic lists are checked. */
export interface KnownNames {
  /** Entity types the classifier can report (default: every built-in type). */
  entityTypes?: readonly string[];
  /** Topics the topic classifier can mark (default: the shipped topics; a user's model adds its own). */
  topics?: readonly string[];
}

/** All cross-reference and safety problems in a schema-valid policy document. */
export function checkPolicy(policy: PolicyDocument, known: KnownNames = {}): PolicyProblem[] {
  return [...checkReferences(policy), ...checkNames(policy, known), ...checkEscalation(policy), ...checkPinnedLocal(policy), ...checkSensitiveNeverCloud(policy)];
}

/**
 * Entity and topic names a class lists must be ones the engine reports: a misspelt "US_SNN" would
 * otherwise leave US_SSN unnamed and the engine could not honour what the author meant.
 */
function checkNames(policy: PolicyDocument, known: KnownNames): PolicyProblem[] {
  const entityTypes = new Set(known.entityTypes ?? ENTITY_TYPES);
  const topics = new Set(known.topics ?? BUILT_IN_TOPICS);
  const problems: PolicyProblem[] = [];
  policy.dataClasses.forEach((dataClass, classIndex) => {
    dataClass.entities.forEach((name, index) => {
      if (!entityTypes.has(name)) problems.push({ path: ['dataClasses', classIndex, 'entities', index], message: `unknown entity type "${name}"; the classifier reports ${listOf(entityTypes)}` });
    });
    dataClass.topics.forEach((name, index) => {
      if (!topics.has(name)) problems.push({ path: ['dataClasses', classIndex, 'topics', index], message: `unknown topic "${name}"; the topic classifier marks ${listOf(topics)}` });
    });
  });
  return problems;
}

/** A rule that pins requests local names a local model, and the named stay-local model is a generative local one. */
function checkPinnedLocal(policy: PolicyDocument): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  policy.rules.forEach((rule, index) => {
    if (rule.staysLocal && rule.model in policy.models && modelKind(policy, rule.model) !== 'local') {
      problems.push({ path: ['rules', index, 'model'], message: `rule "${rule.name}" has staysLocal: true but model "${rule.model}" is on a cloud backend; expected a local model` });
    }
  });
  const localModel = policy.fallback.localModel;
  if (localModel !== undefined) {
    if (!(localModel in policy.models)) problems.push({ path: ['fallback', 'localModel'], message: `unknown model "${localModel}"; expected one of ${listOf(Object.keys(policy.models))}` });
    else if (modelKind(policy, localModel) !== 'local') problems.push({ path: ['fallback', 'localModel'], message: `model "${localModel}" is on a cloud backend; expected a local model` });
    else if (isExtractive(policy, localModel)) {
      problems.push({ path: ['fallback', 'localModel'], message: `model "${localModel}" is the extractive answerer, which only quotes retrieved passages; expected a local model that generates answers` });
    }
  }
  return problems;
}

/** The ladder, fallbacks and verifier name models that exist, on the right kind of backend. */
function checkEscalation(policy: PolicyDocument): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const modelIds = Object.keys(policy.models);
  const expectModel = (path: (string | number)[], name: string | undefined, kind?: 'local' | 'cloud') => {
    if (name === undefined) return;
    if (!(name in policy.models)) problems.push({ path, message: `unknown model "${name}"; expected one of ${listOf(modelIds)}` });
    else if (kind && modelKind(policy, name) !== kind) problems.push({ path, message: `model "${name}" is on a ${modelKind(policy, name)} backend; expected a ${kind} model here` });
  };
  policy.escalation.ladder.forEach((rung, index) => {
    if (rung === 'human') {
      if (index !== policy.escalation.ladder.length - 1) problems.push({ path: ['escalation', 'ladder', index], message: '"human" must be the last rung of the ladder' });
      if (policy.review.reviewers.length === 0) problems.push({ path: ['review', 'reviewers'], message: 'the ladder ends with "human"; expected at least one reviewer id' });
    } else expectModel(['escalation', 'ladder', index], rung);
  });
  if (policy.confidence.method === 'verifier' && policy.confidence.verifierModel === undefined) {
    problems.push({ path: ['confidence', 'verifierModel'], message: 'method "verifier" needs a verifierModel (a model alias)' });
  }
  expectModel(['confidence', 'verifierModel'], policy.confidence.verifierModel);
  expectModel(['fallback', 'degradeModel'], policy.fallback.degradeModel, 'local');
  expectModel(['fallback', 'cloudModel'], policy.fallback.cloudModel, 'cloud');
  expectModel(['fallback', 'cloudFailure'], policy.fallback.cloudFailure, 'local');
  if (policy.fallback.localUnavailable === 'degrade' && policy.fallback.degradeModel === undefined) {
    problems.push({ path: ['fallback', 'degradeModel'], message: 'localUnavailable "degrade" needs a degradeModel (a local model alias)' });
  }
  if (policy.fallback.localUnavailable === 'cloud' && policy.fallback.cloudModel === undefined) {
    problems.push({ path: ['fallback', 'cloudModel'], message: 'localUnavailable "cloud" needs a cloudModel (a cloud model alias)' });
  }
  return problems;
}

function listOf(names: Iterable<string>): string {
  return [...names].map((name) => `"${name}"`).join(', ');
}

function checkReferences(policy: PolicyDocument): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const classNames = policy.dataClasses.map((dataClass) => dataClass.name);
  const backendIds = Object.keys(policy.backends);
  const modelIds = Object.keys(policy.models);

  const seen = new Set<string>();
  policy.dataClasses.forEach((dataClass, index) => {
    if (seen.has(dataClass.name)) problems.push({ path: ['dataClasses', index, 'name'], message: `duplicate data class "${dataClass.name}"` });
    seen.add(dataClass.name);
  });
  if (!policy.dataClasses.some((dataClass) => dataClass.sensitive)) {
    problems.push({ path: ['dataClasses'], message: 'expected at least one class with sensitive: true (classification fails closed into one)' });
  }
  const expectClass = (path: (string | number)[], name: string) => {
    if (!classNames.includes(name)) problems.push({ path, message: `unknown data class "${name}"; expected one of ${listOf(classNames)}` });
  };
  expectClass(['defaultClass'], policy.defaultClass);
  if (policy.failClosedClass !== undefined) {
    expectClass(['failClosedClass'], policy.failClosedClass);
    const failClass = policy.dataClasses.find((dataClass) => dataClass.name === policy.failClosedClass);
    if (failClass && !failClass.sensitive) {
      problems.push({ path: ['failClosedClass'], message: `expected a sensitive class (classification must fail closed); "${failClass.name}" is not sensitive` });
    }
  }
  for (const [backendId, backend] of Object.entries(policy.backends)) {
    // The extractive answerer and llama-cpp run inside the local worker: no address.
    if (backend.protocol !== 'extractive' && backend.protocol !== 'llama-cpp' && backend.baseUrl === undefined && backend.baseUrlEnv === undefined) {
      problems.push({ path: ['backends', backendId, 'baseUrl'], message: `protocol ${backend.protocol} needs a baseUrl (or a baseUrlEnv naming where to find one)` });
    }
    if (backend.protocol === 'extractive' && backend.kind !== 'local') {
      problems.push({ path: ['backends', backendId, 'kind'], message: 'the extractive answerer runs on premises; expected kind: local' });
    }
    if (backend.protocol === 'llama-cpp' && backend.kind !== 'local') {
      problems.push({ path: ['backends', backendId, 'kind'], message: 'llama-cpp runs inside the local worker; expected kind: local' });
    }
  }
  for (const [modelId, model] of Object.entries(policy.models)) {
    if (!(model.backend in policy.backends)) {
      problems.push({ path: ['models', modelId, 'backend'], message: `unknown backend "${model.backend}"; expected one of ${listOf(backendIds)}` });
    }
  }
  const expectModel = (path: (string | number)[], name: string) => {
    if (!(name in policy.models)) problems.push({ path, message: `unknown model "${name}"; expected one of ${listOf(modelIds)}` });
  };
  policy.rules.forEach((rule, index) => {
    expectModel(['rules', index, 'model'], rule.model);
    rule.when.dataClass?.forEach((name, classIndex) => expectClass(['rules', index, 'when', 'dataClass', classIndex], name));
  });
  expectModel(['default', 'model'], policy.default.model);
  if (firstLocalModelOf(policy) === undefined) {
    problems.push({ path: ['models'], message: 'expected at least one model on a local backend: sensitive requests need somewhere to go' });
  }
  return problems;
}

/** Whether a rule matches every request of a class regardless of caller or task (a full cover). */
function coversWholeClass(rule: RuleConfig): boolean {
  const { taskType, department, application } = rule.when;
  return taskType === undefined && department === undefined && application === undefined;
}

function ruleCanMatchClass(rule: RuleConfig, className: string, sensitive: boolean): boolean {
  if (rule.when.sensitive !== undefined && rule.when.sensitive !== sensitive) return false;
  return rule.when.dataClass === undefined || rule.when.dataClass.includes(className);
}


/**
 * Walk the rules as the router would for each sensitive class: any rule that could match it and
 * names a cloud model is rejected; if no earlier rule covers the whole class, the default route
 * must be local too.
 */
function checkSensitiveNeverCloud(policy: PolicyDocument): PolicyProblem[] {
  const leaksByRule = new Map<number, string[]>();
  const leaksByDefault: string[] = [];
  // A class that allows redaction may be routed to cloud: the redacted prompt is re-classified and
  // stays local if anything sensitive remains.
  for (const dataClass of policy.dataClasses.filter((candidate) => candidate.sensitive && !candidate.redactForCloud)) {
    let covered = false;
    for (const [index, rule] of policy.rules.entries()) {
      if (!ruleCanMatchClass(rule, dataClass.name, true)) continue;
      if (modelKind(policy, rule.model) === 'cloud') leaksByRule.set(index, [...(leaksByRule.get(index) ?? []), dataClass.name]);
      if (coversWholeClass(rule)) {
        covered = true;
        break;
      }
    }
    if (!covered && modelKind(policy, policy.default.model) === 'cloud') leaksByDefault.push(dataClass.name);
  }
  const problems: PolicyProblem[] = [...leaksByRule].map(([index, classes]) => ({
    path: ['rules', index, 'model'],
    message: `rule "${policy.rules[index]!.name}" could send sensitive ${listOf(classes)} data to cloud model "${policy.rules[index]!.model}"; expected a local model, or a condition that excludes sensitive classes (sensitive: false, or a dataClass list of non-sensitive classes)`,
  }));
  if (leaksByDefault.length > 0) {
    problems.push({
      path: ['default', 'model'],
      message: `sensitive ${listOf(leaksByDefault)} data can reach the default route, whose model "${policy.default.model}" is on a cloud backend; expected a local default, or an earlier rule such as { when: { sensitive: true }, model: <a local model> }`,
    });
  }
  return problems;
}

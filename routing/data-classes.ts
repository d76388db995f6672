/**
 * Data-class arithmetic shared by the router, the workflow and the cloud worker's re-check.
 * Pure: runs inside workflow code.
 */
import type { Policy } from './policy-schema.js';

/** The class an entity type (`entities`) or a topic (`topics`) implies, or undefined when the policy names none. */
export function impliedClass(policy: Policy, list: 'entities' | 'topics', name: string): string | undefined {
  // The highest class that lists the name wins, so a name listed twice is treated strictly.
  return policy.dataClasses.findLast((dataClass) => dataClass[list].includes(name))?.name;
}

/** Rank of a class in the policy's ordered list (0 = least sensitive). Throws on an unknown name. */
export function rankOfClass(policy: Policy, className: string): number {
  const rank = policy.dataClasses.findIndex((dataClass) => dataClass.name === className);
  if (rank < 0) {
    const known = policy.dataClasses.map((dataClass) => dataClass.name).join(', ');
    throw new Error(`Unknown data class "${className}"; the policy defines: ${known}`);
  }
  return rank;
}

/** The higher of two classes. */
export function higherClass(policy: Policy, a: string, b: string): string {
  return rankOfClass(policy, a) >= rankOfClass(policy, b) ? a : b;
}

/** Whether the policy marks a class sensitive (never sent to cloud). */
export function isSensitiveClass(policy: Policy, className: string): boolean {
  return policy.dataClasses[rankOfClass(policy, className)]!.sensitive;
}

/** The class used when classification fails: the policy's choice, or its highest sensitive class. */
export function failClosedClass(policy: Policy): string {
  return policy.failClosedClass ?? policy.dataClasses.filter((dataClass) => dataClass.sensitive).at(-1)!.name;
}

/** Result of turning classifier findings into a class. */
export interface ClassVerdict {
  dataClass: string;
  sensitive: boolean;
  reasons: string[];
}

/**
 * The class of a text: the highest class implied by its entity types, the policy's default class
 * when nothing was found, and the fail-closed class when classification failed or found an entity
 * type that no class names (the engine does not know what the policy wants for it: it fails closed).
 */
export function classifyByPolicy(
  policy: Policy,
  entityTypes: readonly string[],
  failure?: { reason: string },
  topics: readonly string[] = [],
): ClassVerdict {
  if (failure) {
    const dataClass = failClosedClass(policy);
    return { dataClass, sensitive: true, reasons: [`classification failed, treated as ${dataClass}: ${failure.reason}`] };
  }
  let dataClass = policy.defaultClass;
  const reasons: string[] = [];
  for (const type of new Set(entityTypes)) {
    let implied = impliedClass(policy, 'entities', type);
    if (implied === undefined) {
      implied = failClosedClass(policy);
      reasons.push(`${type} found; no data class of the policy names it, so it fails closed → ${implied}`);
      dataClass = higherClass(policy, dataClass, implied);
      continue;
    }
    reasons.push(`${type} found → ${implied}`);
    dataClass = higherClass(policy, dataClass, implied);
  }
  for (const topic of new Set(topics)) {
    const implied = impliedClass(policy, 'topics', topic);
    if (implied === undefined) continue;
    reasons.push(`topic ${topic} → ${implied}`);
    dataClass = higherClass(policy, dataClass, implied);
  }
  if (reasons.length === 0) reasons.push(`no sensitive entities found → ${dataClass}`);
  return { dataClass, sensitive: isSensitiveClass(policy, dataClass), reasons };
}

/** What a classifier reported, structurally (a ClassifierOutput fits). */
export interface ClassifierFindings {
  entities: ReadonlyArray<{ type: string }>;
  topics?: ReadonlyArray<{ topic: string }>;
  failure?: { reason: string };
}

/** The class of one classifier output: its entities, its topics and its failure, all of them. */
export function verdictOf(policy: Policy, findings: ClassifierFindings): ClassVerdict {
  return classifyByPolicy(
    policy,
    findings.entities.map((entity) => entity.type),
    findings.failure,
    (findings.topics ?? []).map((topic) => topic.topic),
  );
}

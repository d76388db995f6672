/**
 * Reversible redaction: replaces detected entities with stable placeholders and records how to
 * put them back. Pure and deterministic (no Node built-ins), so it may run in workflow code.
 */
import type { DetectedEntity, EntityType } from '../classifier.js';
import { mergeOverlappingEntities } from '../merge-entities.js';
import { normaliseEntityValue } from './normalise-entity-value.js';
import { findPlaceholders, formatPlaceholder } from './placeholder-grammar.js';
import { REDACTION_MAPPING_VERSION, type RedactionMapping } from './redaction-mapping.js';

/** Options for {@link redact} and {@link redactAll}. */
export interface RedactOptions {
  /** Entity types to replace (default: every type); findings of other types stay in the text. */
  entityTypes?: readonly EntityType[];
}

/** One text and the findings in it (spans index into this text), for {@link redactAll}. */
export interface RedactionInput {
  text: string;
  entities: readonly DetectedEntity[];
}

interface Group {
  type: EntityType;
  number: number;
  values: string[];
}
interface Slot {
  start: number;
  end: number;
  group: Group;
}
interface Plan {
  text: string;
  slots: Slot[];
}

/** Redacts one text; see {@link redactAll} for the rules. */
export function redact(
  text: string,
  entities: readonly DetectedEntity[],
  options: RedactOptions = {},
): { redactedText: string; mapping: RedactionMapping } {
  const { redactedTexts, mapping } = redactAll([{ text, entities }], options);
  return { redactedText: redactedTexts[0] ?? text, mapping };
}

/**
 * Redacts several texts of one request (messages, retrieved chunks) with one mapping, so a value
 * gets the same placeholder wherever it appears. Overlapping findings: higher score, then longer.
 */
export function redactAll(
  inputs: readonly RedactionInput[],
  options: RedactOptions = {},
): { redactedTexts: string[]; mapping: RedactionMapping } {
  const wanted = options.entityTypes === undefined ? undefined : new Set(options.entityTypes);
  const groups = new Map<string, Group>();
  const counts = new Map<EntityType, number>();
  const plans: Plan[] = inputs.map(({ text, entities }) => {
    for (const entity of entities) checkSpan(text, entity);
    // Filter before merging: a finding the caller did not ask to redact must not shadow one it did.
    const kept = mergeOverlappingEntities(entities.filter((entity) => wanted === undefined || wanted.has(entity.type)));
    const slots = kept.map(({ type, start, end }): Slot => {
      const value = text.slice(start, end);
      const groupKey = `${type}\u0000${normaliseEntityValue(type, value)}`;
      let group = groups.get(groupKey);
      if (group === undefined) {
        const number = (counts.get(type) ?? 0) + 1;
        counts.set(type, number);
        group = { type, number, values: [] };
        groups.set(groupKey, group);
      }
      group.values.push(value);
      return { start, end, group };
    });
    return { text, slots };
  });
  const tag = chooseTag(plans, [...groups.values()]);
  return {
    redactedTexts: plans.map((plan) => render(plan, tag).text),
    mapping: {
      version: REDACTION_MAPPING_VERSION,
      entries: [...groups.values()].map(({ type, number, values }) => ({ placeholder: formatPlaceholder(type, number, tag), type, values })),
    },
  };
}

function checkSpan(text: string, { type, start, end }: DetectedEntity): void {
  // A bad span is a classifier bug; redacting the wrong characters would leak the right ones.
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new RangeError(`redact: ${type} span [${start}, ${end}) is empty or outside the text (length ${text.length})`);
  }
}

/**
 * The per-request tag: '' unless the prompt already contains something `restore` would read as one
 * of this request's placeholders (`<PERSON_1>` typed by the user, `PERSON_1` in code). Then every
 * placeholder gets the first tag (`x`, `y`, `z`, `x2`, ...) that nothing in the prompt matches.
 */
function chooseTag(plans: readonly Plan[], groups: readonly Group[]): string {
  // Each stray match rules out at most one tag, so a clean one exists within this many tries.
  const limit = plans.reduce((total, plan) => total + plan.text.length, 0) + 2;
  for (let attempt = 0; attempt < limit; attempt += 1) {
    const tag = attempt === 0 ? '' : `${'xyz'[(attempt - 1) % 3]}${attempt > 3 ? Math.ceil(attempt / 3) : ''}`;
    const ownKeys = new Set(groups.map(({ type, number }) => formatPlaceholder(type, number, tag).slice(1, -1)));
    if (plans.every((plan) => isUnambiguous(render(plan, tag), ownKeys))) return tag;
  }
  throw new Error('redact: found no placeholder tag that is absent from the prompt (bug)');
}

/** True when every match of one of our keys is exactly a placeholder we inserted. */
function isUnambiguous(rendered: { text: string; inserted: Map<number, number> }, ownKeys: ReadonlySet<string>): boolean {
  return findPlaceholders(rendered.text).every((match) => !ownKeys.has(match.key) || rendered.inserted.get(match.start) === match.end);
}

function render({ text, slots }: Plan, tag: string): { text: string; inserted: Map<number, number> } {
  const inserted = new Map<number, number>();
  let output = '';
  let cursor = 0;
  for (const { start, end, group } of slots) {
    output += text.slice(cursor, start);
    const placeholder = formatPlaceholder(group.type, group.number, tag);
    inserted.set(output.length, output.length + placeholder.length);
    output += placeholder;
    cursor = end;
  }
  return { text: output + text.slice(cursor), inserted };
}

/**
 * Evidence for a candidate entity and how it turns into a score. Each kind of evidence has a
 * weight (how often it alone is right); independent pieces combine as a noisy-OR,
 * 1 - Π(1 - weight), so agreement between the tagger, the name lists and the context raises the
 * score and one weak hint alone stays below the reporting threshold.
 */
import type { EntityType } from '../classifier.js';

/** One reason to believe a span is an entity. */
export type Evidence =
  | 'tagger'
  | 'given-name'
  | 'surname'
  | 'several-words'
  | 'honorific'
  | 'self-introduction'
  | 'signature'
  | 'organization-suffix';

/** A span that some rule proposed, with everything found for it so far. */
export interface Candidate {
  type: Extract<EntityType, 'PERSON' | 'LOCATION' | 'ORGANIZATION'>;
  start: number;
  end: number;
  /** Index of the first and last token of the span in the token list. */
  firstToken: number;
  lastToken: number;
  evidence: Set<Evidence>;
}

const WEIGHTS: Readonly<Record<Evidence, number>> = {
  tagger: 0.55,
  'given-name': 0.4,
  surname: 0.3,
  'several-words': 0.15,
  honorific: 0.55,
  'self-introduction': 0.65,
  signature: 0.5,
  'organization-suffix': 0.7,
};

const DESCRIPTIONS: Readonly<Record<Evidence, string>> = {
  tagger: 'NLP tagger',
  'given-name': 'known given name',
  surname: 'known surname',
  'several-words': 'several name words',
  honorific: 'after a title',
  'self-introduction': 'after "my name is"',
  signature: 'signature line',
  'organization-suffix': 'organisation suffix',
};

/** Context evidence: the surrounding words, not the span itself, say it is a name. */
export const CONTEXT_EVIDENCE: readonly Evidence[] = ['honorific', 'self-introduction', 'signature'];

/** The noisy-OR of the evidence weights, rounded to 3 decimals. */
export function scoreEvidence(evidence: ReadonlySet<Evidence>): number {
  let missing = 1;
  for (const kind of evidence) missing *= 1 - WEIGHTS[kind];
  return Math.round((1 - missing) * 1000) / 1000;
}

/** A reason such as "person name: NLP tagger, known given name, known surname". */
export function describeEvidence(type: Candidate['type'], evidence: ReadonlySet<Evidence>): string {
  const what = type === 'PERSON' ? 'person name' : type === 'LOCATION' ? 'place name' : 'organisation name';
  const order = Object.keys(WEIGHTS) as Evidence[];
  return `${what}: ${order.filter((kind) => evidence.has(kind)).map((kind) => DESCRIPTIONS[kind]).join(', ')}`;
}

/**
 * Joins same-type candidates whose spans overlap into one (the union of the spans and of the
 * evidence), so a name found by the tagger and by the name list is reported once, scored higher.
 */
export function unionOverlapping(candidates: readonly Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((left, right) => left.type.localeCompare(right.type) || left.start - right.start);
  const joined: Candidate[] = [];
  for (const candidate of sorted) {
    const last = joined.at(-1);
    if (last && last.type === candidate.type && candidate.start < last.end) {
      last.end = Math.max(last.end, candidate.end);
      last.lastToken = Math.max(last.lastToken, candidate.lastToken);
      for (const kind of candidate.evidence) last.evidence.add(kind);
    } else {
      joined.push({ ...candidate, evidence: new Set(candidate.evidence) });
    }
  }
  return joined;
}

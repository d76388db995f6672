/**
 * The named-entity detector: PERSON, LOCATION and ORGANIZATION spans from a local NLP tagger
 * (compromise, model shipped in the package, nothing downloaded) combined with a gazetteer of
 * common given names and surnames and context cues (titles, "my name is", signature lines).
 * Each span's score is the noisy-OR of its evidence; spans are exact UTF-16 offsets in the input.
 */
import type { DetectedEntity, Detector } from '../classifier.js';
import { mergeOverlappingEntities } from '../merge-entities.js';
import { addWordEvidence, isFalsePositive } from './candidate-review.js';
import { findNameCues } from './context-cues.js';
import { describeEvidence, scoreEvidence, unionOverlapping } from './entity-evidence.js';
import { personCandidates } from './person-candidates.js';
import { placeAndOrganizationCandidates } from './place-organization-candidates.js';
import { tagTokens } from './tagged-tokens.js';
import { DEFAULT_CHUNK_CHARS } from './text-segments.js';

/** Default lowest score reported: one strong piece of evidence, or two weaker ones that agree. */
export const DEFAULT_NAMED_ENTITY_MIN_SCORE = 0.5;

/** Options for {@link createNamedEntityDetector}; each replaces the default it names. */
export interface NamedEntityDetectorOptions {
  /** Lowest score (0..1) a finding needs to be reported (default 0.5). */
  minScore?: number;
  /** Longest piece of text given to the tagger in one call (default 4,000 characters). */
  chunkChars?: number;
  /** Detector name reported in findings (default "named-entities"). */
  name?: string;
}

/** Creates the detector for `PERSON`, `LOCATION` and `ORGANIZATION`. */
export function createNamedEntityDetector(options: NamedEntityDetectorOptions = {}): Detector {
  const name = options.name ?? 'named-entities';
  const minScore = options.minScore ?? DEFAULT_NAMED_ENTITY_MIN_SCORE;
  const chunkChars = options.chunkChars ?? DEFAULT_CHUNK_CHARS;
  if (!(minScore > 0 && minScore <= 1)) throw new Error(`createNamedEntityDetector: minScore must be in (0, 1], got ${minScore}`);
  if (!(chunkChars >= 100)) throw new Error(`createNamedEntityDetector: chunkChars must be at least 100, got ${chunkChars}`);
  return {
    name,
    entityTypes: ['PERSON', 'LOCATION', 'ORGANIZATION'],
    detect(text: string): DetectedEntity[] {
      if (text.length === 0) return [];
      const tokens = tagTokens(text, chunkChars);
      const candidates = unionOverlapping([
        ...personCandidates(text, tokens, findNameCues(text)),
        ...placeAndOrganizationCandidates(text, tokens),
      ]);
      const entities: DetectedEntity[] = [];
      for (const candidate of candidates) {
        addWordEvidence(candidate, tokens, text);
        if (isFalsePositive(candidate, tokens, text)) continue;
        const score = scoreEvidence(candidate.evidence);
        if (score < minScore) continue;
        entities.push({
          type: candidate.type,
          start: candidate.start,
          end: candidate.end,
          score,
          reason: describeEvidence(candidate.type, candidate.evidence),
          detector: name,
        });
      }
      // A span tagged both Person and Place keeps the better-supported reading.
      return mergeOverlappingEntities(entities);
    },
  };
}

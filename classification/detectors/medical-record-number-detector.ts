/**
 * Medical record numbers: an id right after a label such as "MRN", "medical record no.",
 * "patient ID" or "chart #". MRN formats are per hospital, so the label is the evidence and the
 * id only has to look like one (4+ digits, at most a short letter prefix).
 */
import type { DetectedEntity, Detector } from '../classifier.js';
import { findDates } from './date-candidates.js';
import { digitsOf, isAllSameCharacter } from './text-boundaries.js';
import { forEachMatch } from '../regex-matches.js';

/*
 * Label, up to 4 separator characters, an optional "number"/"no."/"is", then the id. Every
 * repetition is bounded and the id's classes do not overlap the separators, so matching is linear.
 */
const MRN_LABEL = String.raw`\b(?:MRN|MR#|med(?:ical)?[ -]?rec(?:ord)?s?|patient(?:'s)?[ -]?(?:id|identifier|number|no|nr|#)|pt[ .]?id|chart|hospital (?:number|no|id)|health record|unit (?:number|no)|patientennummer|fallnummer|dossier médical|NHS(?: number| no)?)`;
const FILLER = String.raw`[ \t]{0,3}(?:\(?MRN\)?[ \t]{0,2})?(?:(?:number|num|no|nr|id|#)\.?[ \t]{0,3})?[#:=.\-]{0,2}[ \t]{0,3}(?:(?:is|was)[ \t]{1,3})?`;
/** Dashed or plain ids; spaces only in the NHS-style 3-3-4 grouping, so "MRN 00482913 2 days" stops at the id. */
const ID = String.raw`(\d{3} \d{3} \d{4}|[A-Z]{0,3}[-#]?\d[\d-]{2,14}\d[A-Z]?)`;
const MRN_PATTERN = new RegExp(`${MRN_LABEL}${FILLER}${ID}(?![\\w-])`, 'gi');

/** Creates the detector for `MEDICAL_RECORD_NUMBER`. */
export function createMedicalRecordNumberDetector(): Detector {
  const name = 'medical-record-number';
  return {
    name,
    entityTypes: ['MEDICAL_RECORD_NUMBER'],
    detect(text: string): DetectedEntity[] {
      const entities: DetectedEntity[] = [];
      forEachMatch(text, MRN_PATTERN, (match) => {
        const id = match[1]!;
        const digits = digitsOf(id);
        if (digits.length < 5 || digits.length > 15 || isAllSameCharacter(digits)) return;
        // "chart 2024-01-15" is a date, not an id; "MRN 10-44-8821" is not a date.
        const date = /[-/.]/.test(id) ? findDates(id)[0] : undefined;
        if (date !== undefined && date.start === 0 && date.end === id.length) return;
        const end = match.index + match[0].length;
        const start = end - match[1]!.length;
        entities.push({
          type: 'MEDICAL_RECORD_NUMBER',
          start,
          end,
          score: 0.85,
          reason: 'identifier labelled as a medical record or patient number',
          detector: name,
        });
      });
      return entities;
    },
  };
}

import { describe, expect, it } from 'vitest';
import type { DetectedEntity, Detector } from '../../classification/classifier.js';
import { createDefaultDetectors } from '../../classification/detectors/default-detectors.js';
import { ADVERSARIAL_INPUTS, DETECTOR_SAMPLES } from './detector-fixtures.js';

/** The findings that break the shape every finding must have (expected to be none). */
function malformed(entities: DetectedEntity[], detector: Detector, text: string): DetectedEntity[] {
  return entities.filter(
    (entity) =>
      !detector.entityTypes.includes(entity.type) ||
      entity.detector !== detector.name ||
      !Number.isInteger(entity.start) ||
      !Number.isInteger(entity.end) ||
      entity.start < 0 ||
      entity.end <= entity.start ||
      entity.end > text.length ||
      !(entity.score > 0 && entity.score <= 1) ||
      entity.reason.length === 0,
  );
}

describe.each(createDefaultDetectors().map((detector) => [detector.name, detector] as const))(
  'detector contract: %s',
  (name, detector) => {
    const sample = DETECTOR_SAMPLES[name];

    it('has a sample in the shared fixtures', () => {
      expect(sample, `add a DETECTOR_SAMPLES entry for "${name}"`).toBeDefined();
    });

    it('returns [] for the empty string', () => {
      expect(detector.detect('')).toEqual([]);
    });

    it('returns well-formed findings whose spans cover exactly the sensitive text', () => {
      const entities = detector.detect(sample!.text);
      expect(malformed(entities, detector, sample!.text)).toEqual([]);
      expect(entities.map((entity) => sample!.text.slice(entity.start, entity.end))).toEqual(sample!.expected);
    });

    it('shifts spans by the length of text put in front', () => {
      const prefix = 'Some unrelated words first. ';
      const before = detector.detect(sample!.text);
      const after = detector.detect(prefix + sample!.text);
      expect(after.map((entity) => [entity.start - prefix.length, entity.end - prefix.length])).toEqual(
        before.map((entity) => [entity.start, entity.end]),
      );
    });

    it('gives the same answer when called twice (no state kept between calls)', () => {
      expect(detector.detect(sample!.text)).toEqual(detector.detect(sample!.text));
    });

    it('finds nothing in a plain coding question', () => {
      expect(detector.detect('How do I reverse a linked list in Python?')).toEqual([]);
    });

    it.each(Object.entries(ADVERSARIAL_INPUTS))('returns well-formed findings on adversarial input: %s', (_label, text) => {
      const entities = detector.detect(text);
      expect(Array.isArray(entities)).toBe(true);
      expect(malformed(entities, detector, text)).toEqual([]);
    });
  },
);

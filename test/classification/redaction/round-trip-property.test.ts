import { describe, expect, it } from 'vitest';
import type { DetectedEntity, EntityType } from '../../../classification/classifier.js';
import { ENTITY_TYPES } from '../../../classification/entity-types.js';
import { redact, redactAll } from '../../../classification/redaction/redact.js';
import { restore } from '../../../classification/redaction/restore.js';
import { seededRandom } from '../../../classification/topics/seeded-random.js';


// Pieces chosen to provoke trouble: placeholder look-alikes in every accepted spelling, brackets,
// escapes, separators, astral characters (spans may split a surrogate pair), digits and case.
const PIECES = [
  'a', 'Z', ' ', '  ', '\n', '7', '0042', '-', '_', '<', '>', '&lt;', '&gt;', '\\', 'é', 'e\u0301', '日本', '😀',
  '<PERSON_1>', '<person_2>', 'PERSON_1', '< EMAIL_ADDRESS_1 >', 'CREDIT_CARD_1', '<PERSON_1_x>', '_x', '_y>', 'US_SSN',
  'Jane', 'JANE', 'jane@x.io', 'JANE@X.IO', '4111 1111', '4111-1111',
];

// The type a whole-piece span gets: these pairs are one value spelled two ways under that type.
const PIECE_TYPES: Readonly<Record<string, EntityType>> = {
  Jane: 'PERSON', JANE: 'PERSON', é: 'PERSON', 'e\u0301': 'PERSON',
  'jane@x.io': 'EMAIL_ADDRESS', 'JANE@X.IO': 'EMAIL_ADDRESS', '4111 1111': 'CREDIT_CARD', '4111-1111': 'CREDIT_CARD',
};

function randomCase(random: () => number, seed: number): { text: string; entities: DetectedEntity[] } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let text = '';
  const pieceSpans: Array<[number, number, string]> = [];
  const pieces = Math.floor(random() * 25);
  for (let index = 0; index < pieces; index += 1) {
    const piece = pick(PIECES);
    pieceSpans.push([text.length, text.length + piece.length, piece]);
    text += piece;
  }
  const entities: DetectedEntity[] = [];
  const count = text.length === 0 ? 0 : Math.floor(random() * 8);
  for (let index = 0; index < count; index += 1) {
    const finding = { score: pick([0.5, 0.7, 0.9]), reason: `seed ${seed}`, detector: 'random' };
    if (random() < 0.5) {
      // Whole pieces, so equal and differently spelled values recur and literal placeholders survive.
      const values = pieceSpans.filter(([, , piece]) => piece in PIECE_TYPES);
      const [start, end, piece] = pick(values.length > 0 && random() < 0.7 ? values : pieceSpans);
      entities.push({ type: PIECE_TYPES[piece] ?? 'PERSON', start, end, ...finding });
    } else {
      const start = Math.floor(random() * text.length);
      const end = start + 1 + Math.floor(random() * Math.min(12, text.length - start));
      entities.push({ type: pick(ENTITY_TYPES), start, end, ...finding });
    }
  }
  return { text, entities };
}

describe('restore(redact(x)) round trip', () => {
  it('gives back the original text exactly for 500 random texts with random (overlapping) spans', () => {
    for (let seed = 1; seed <= 500; seed += 1) {
      const random = seededRandom(seed);
      const { text, entities } = randomCase(random, seed);
      const { redactedText, mapping } = redact(text, entities);
      const occurrences = mapping.entries.reduce((total, entry) => total + entry.values.length, 0);
      const result = restore(redactedText, mapping);
      expect({ seed, text: result.text, restored: result.restored }).toEqual({ seed, text, restored: occurrences });
      expect(restore(redactedText, JSON.parse(JSON.stringify(mapping))).text).toBe(text);
    }
  });

  it('gives back every text of a multi-text request when they are restored joined', () => {
    for (let seed = 1001; seed <= 1200; seed += 1) {
      const random = seededRandom(seed);
      const inputs = [randomCase(random, seed), randomCase(random, seed), randomCase(random, seed)];
      const { redactedTexts, mapping } = redactAll(inputs);
      expect({ seed, text: restore(redactedTexts.join('\n\n'), mapping).text }).toEqual({ seed, text: inputs.map((input) => input.text).join('\n\n') });
    }
  });
});

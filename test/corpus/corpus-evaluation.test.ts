/**
 * Quality gates for the default classifier on the development corpus (match rule: same type and
 * overlapping spans, see span-scoring.ts). Checksum-validated types must be found every time;
 * precision is judged over all structured types together.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { EntityType } from '../../classification/classifier.js';
import { loadCorpus } from './corpus-record.js';
import { evaluateCorpus, formatEvaluation, type CorpusEvaluation } from './evaluate.js';
import { measureHarmlessShare, type HarmlessShare } from './harmless-share.js';

/** Types with a validator strong enough that a labelled instance must never be missed. */
const FULL_RECALL_TYPES: readonly EntityType[] = [
  'CREDIT_CARD',
  'IBAN_CODE',
  'US_SSN',
  'ABA_ROUTING_NUMBER',
  'US_NPI',
  'US_DEA_NUMBER',
  'US_ITIN',
  'EMAIL_ADDRESS',
  'IP_ADDRESS',
  'PHONE_NUMBER',
  'SECRET',
  'PRIVATE_KEY',
];
const MIN_STRUCTURED_PRECISION = 0.97;
/**
 * Harmless prompts the default policy may keep local. Four carry a Luhn-valid card number behind an
 * id label or in a log line (kept local on purpose: a valid card is a card whatever its label) and
 * one asks for an API-key rotation runbook, which the shipped security topic examples call security.
 */
const MAX_HARMLESS_KEPT_LOCAL = 5;

let evaluation: CorpusEvaluation;
let share: HarmlessShare;

beforeAll(async () => {
  evaluation = await evaluateCorpus(loadCorpus());
  share = await measureHarmlessShare(loadCorpus());
  // The table in the test log makes a threshold failure easy to read.
  console.log(formatEvaluation(evaluation));
});

describe('default classifier on the development corpus', () => {
  it('classifies every record without failing closed', () => {
    expect(evaluation.failures).toEqual([]);
  });

  it.each(FULL_RECALL_TYPES)('finds every labelled %s (recall 100%%)', (type) => {
    const row = evaluation.rows.find((candidate) => candidate.type === type);
    expect(row, `the corpus has no ${type} labels`).toBeDefined();
    const missed = evaluation.mistakes.filter((mistake) => mistake.kind === 'FN' && mistake.type === type);
    expect(missed.map((mistake) => `${mistake.id}: ${mistake.text}`)).toEqual([]);
  });

  it('rates every prompt with a sensitive entity sensitive under the default policy', () => {
    expect(share.sensitive).toBeGreaterThan(100);
    expect(share.sensitiveMissed).toEqual([]);
  });

  it(`keeps at most ${MAX_HARMLESS_KEPT_LOCAL} harmless prompts local under the default policy`, () => {
    console.log(`harmless kept local: ${share.harmlessKeptLocal.length} of ${share.harmless}: ${share.harmlessKeptLocal.map((miss) => `${miss.id} (${miss.reasons.join('; ')})`).join(', ')}`);
    expect(share.harmlessKeptLocal.length).toBeLessThanOrEqual(MAX_HARMLESS_KEPT_LOCAL);
  });

  it(`keeps precision over the structured types at or above ${MIN_STRUCTURED_PRECISION * 100}%`, () => {
    expect(evaluation.structured.precision).toBeGreaterThanOrEqual(MIN_STRUCTURED_PRECISION);
  });
});

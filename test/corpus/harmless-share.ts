/**
 * The routing view of the development corpus under the default policy: the share of harmless
 * prompts kept local (rated sensitive for nothing) and the sensitive prompts rated not sensitive.
 * A prompt is harmless when it has no labelled entity and comes from a group without confidential
 * topics (questions, hard negatives, code); it is sensitive when it has a labelled entity of a type
 * the policy marks sensitive. Run: npx tsx test/corpus/harmless-share.ts
 */
import { fileURLToPath } from 'node:url';
import { createDefaultClassifier } from '../../classification/default-classifier.js';
import type { Classifier } from '../../classification/classifier.js';
import { loadPolicyFile } from '../../routing/policy-loader.js';
import { impliedClass, isSensitiveClass, verdictOf } from '../../routing/data-classes.js';
import { groupOf, loadCorpus, type CorpusRecord } from './corpus-record.js';

const HARMLESS_GROUPS = new Set(['negative', 'question', 'code']);
const DEFAULT_POLICY = fileURLToPath(new URL('../../policies/default.yaml', import.meta.url));

/** Counts of the routing outcome on the corpus. */
export interface HarmlessShare {
  harmless: number;
  harmlessKeptLocal: { id: string; reasons: string[] }[];
  sensitive: number;
  sensitiveMissed: { id: string; reasons: string[] }[];
}

/** Classifies every record and compares the policy verdict with the labels. */
export async function measureHarmlessShare(records: readonly CorpusRecord[], classifier: Classifier = createDefaultClassifier()): Promise<HarmlessShare> {
  const policy = await loadPolicyFile(DEFAULT_POLICY);
  const result: HarmlessShare = { harmless: 0, harmlessKeptLocal: [], sensitive: 0, sensitiveMissed: [] };
  for (const record of records) {
    const labelledSensitive = record.entities.some((entity) => {
      const implied = impliedClass(policy, 'entities', entity.type);
      return implied !== undefined && isSensitiveClass(policy, implied);
    });
    const harmless = record.entities.length === 0 && HARMLESS_GROUPS.has(groupOf(record));
    if (!harmless && !labelledSensitive) continue;
    const verdict = verdictOf(policy, await classifier.classify(record.text));
    if (harmless) {
      result.harmless += 1;
      if (verdict.sensitive) result.harmlessKeptLocal.push({ id: record.id, reasons: verdict.reasons });
    } else {
      result.sensitive += 1;
      if (!verdict.sensitive) result.sensitiveMissed.push({ id: record.id, reasons: verdict.reasons });
    }
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const share = await measureHarmlessShare(loadCorpus());
  const percent = (part: number, whole: number): string => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;
  console.log(`harmless prompts kept local: ${share.harmlessKeptLocal.length} of ${share.harmless} (${percent(share.harmlessKeptLocal.length, share.harmless)})`);
  for (const miss of share.harmlessKeptLocal) console.log(`  ${miss.id}: ${miss.reasons.join('; ')}`);
  console.log(`sensitive prompts rated not sensitive: ${share.sensitiveMissed.length} of ${share.sensitive}`);
  for (const miss of share.sensitiveMissed) console.log(`  ${miss.id}: ${miss.reasons.join('; ')}`);
}

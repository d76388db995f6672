/**
 * The adversarial suite, classifier side: every generated spelling of every structured sensitive
 * value is rated sensitive by what `switchyard classify` runs (its line handler, the default
 * classifier and the default policy); values split across parts are rated sensitive by the
 * classify activity, which also reads the parts joined. Also: 200 KB of each family's spellings
 * classify without failing (inputs stay linear: a super-linear scan would hit the time budget).
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createControlActivities } from '../../activities/control-activities.js';
import { createDefaultClassifier, createStructuredOnlyClassifier } from '../../classification/default-classifier.js';
import { classifyLine } from '../../cli/classify-command.js';
import { classifyByPolicy } from '../../routing/data-classes.js';
import { loadPolicyFile } from '../../routing/policy-loader.js';
import type { Policy } from '../../routing/policy-schema.js';
import { countByFamily, FAMILIES, generateAdversarialCases, type AdversarialCase } from './adversarial-cases.js';

const DEFAULT_POLICY = fileURLToPath(new URL('../../policies/default.yaml', import.meta.url));
const cases = generateAdversarialCases();
const classifier = createDefaultClassifier();
let policy: Policy;
beforeAll(async () => {
  policy = await loadPolicyFile(DEFAULT_POLICY);
});

/** The verdict on one case: through the CLI's line handler for one part, the classify activity for several. */
async function isRatedSensitive(adversarialCase: AdversarialCase): Promise<{ sensitive: boolean; summary: string }> {
  if (adversarialCase.parts.length === 1) {
    const record = await classifyLine(JSON.stringify({ id: 1, text: adversarialCase.parts[0]!.text }), 1, classifier, policy);
    if ('error' in record) return { sensitive: false, summary: record.error };
    return { sensitive: record.sensitive, summary: `${record.dataClass}: ${record.entities.map((entity) => entity.type).join(', ') || 'nothing found'}` };
  }
  const classification = await createControlActivities({ policy, classifier }).classifyPrompt(adversarialCase.parts);
  const verdict = classifyByPolicy(policy, classification.entities.map((entity) => entity.type), classification.failure, classification.topics);
  return { sensitive: verdict.sensitive, summary: verdict.reasons.join('; ') };
}

describe('adversarial spellings of sensitive values', () => {
  it('generates at least 20 families and thousands of cases', () => {
    const counts = countByFamily(cases);
    console.log(`adversarial cases per family (${cases.length} in all):\n${[...counts].map(([family, count]) => `  ${family}: ${count}`).join('\n')}`);
    expect(FAMILIES.length).toBeGreaterThanOrEqual(20);
    expect(cases.length).toBeGreaterThanOrEqual(2_000);
    expect([...counts.values()].every((count) => count > 0)).toBe(true);
  });

  it('rates every transformed sensitive value sensitive (0 rated not sensitive)', async () => {
    const missed: string[] = [];
    for (const adversarialCase of cases) {
      const { sensitive, summary } = await isRatedSensitive(adversarialCase);
      if (!sensitive) missed.push(`${adversarialCase.family} / ${adversarialCase.type}: ${JSON.stringify(adversarialCase.parts.map((part) => part.text))} → ${summary}`);
    }
    expect(missed).toEqual([]);
  }, 600_000);

  it('classifies 200 KB of each family\'s spellings without failing and finds the values', async () => {
    const structured = createStructuredOnlyClassifier();
    const failures: string[] = [];
    for (const family of FAMILIES) {
      const sample = cases.find((adversarialCase) => adversarialCase.family === family.name && adversarialCase.parts.length === 1);
      if (sample === undefined) continue;
      const line = `${sample.parts[0]!.text}\n`;
      const text = line.repeat(Math.ceil(200_000 / line.length));
      const output = await structured.classify(text);
      if (output.failure !== undefined) failures.push(`${family.name}: ${output.failure.reason}`);
      else if (output.entities.length === 0) failures.push(`${family.name}: nothing found in 200 KB`);
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

import { describe, expect, it } from 'vitest';
import { createApiKeyDetector } from '../../../classification/detectors/api-key-detector.js';
import { matchedTexts, SAMPLE_KEYS } from '../detector-fixtures.js';

const detector = createApiKeyDetector();

describe('API key detector', () => {
  it.each(Object.entries(SAMPLE_KEYS))('finds a %s-shaped key with an exact span', (_vendor, key) => {
    expect(matchedTexts(detector, `key="${key}";`)).toEqual([key]);
  });

  it('finds a Stripe restricted key and an AWS temporary (ASIA) key id', () => {
    const restricted = ['rk', 'live', '51H8aBcDeFgHiJkLmNoPq'].join('_');
    const temporary = ['ASIA', 'Y34FZKBOKMUTVV7A'].join('');
    expect(matchedTexts(detector, `${restricted} ${temporary}`)).toEqual([restricted, temporary]);
  });

  it('labels an Anthropic key as such, not as an OpenAI key', () => {
    const [found] = detector.detect(`key=${SAMPLE_KEYS.anthropic}`);
    expect(found?.reason).toBe('Anthropic API key shape');
  });

  it.each([
    ['"sk-" starting ordinary words', 'we use sk-learn-for-classic-machine-learning here'],
    ['an AWS prefix with too few characters', 'AKIA1234'],
    ['an AWS-shaped id inside a longer word', 'XAKIAIOSFODNN7EXAMPLE'],
    ['a GitHub prefix with a short body', 'ghp_abc123'],
    ['a Slack prefix without digits', 'xoxb-only-letters-here'],
    ['a Google prefix with the wrong length', 'AIzaShort123'],
    ['a GitLab prefix without digits', 'glpat-onlylettersandmoreletters'],
    ['a Hugging Face prefix on a lower-case word run', 'hf_thisisjustalongidentifiernamehere'],
  ])('rejects %s', (_label, text) => {
    expect(detector.detect(text)).toEqual([]);
  });
});

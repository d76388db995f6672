/**
 * API keys and tokens with a vendor-specific shape (OpenAI, Anthropic, AWS, GitHub, GitLab, Slack,
 * Google, Stripe, npm, PyPI, Hugging Face, SendGrid).
 */
import type { DetectedEntity, Detector } from '../classifier.js';
import { scanCandidates } from './scan-candidates.js';

interface KeyShape {
  readonly label: string;
  /** Text every match holds (its fixed prefix): a text without it is not scanned with `pattern`. */
  readonly hint: RegExp;
  readonly pattern: RegExp;
  /** Extra check on the matched text, for prefixes that also start ordinary words. */
  readonly accept?: (token: string) => boolean;
}

const HAS_UPPER_LOWER_AND_DIGIT = (token: string): boolean => /[A-Z]/.test(token) && /[a-z]/.test(token) && /\d/.test(token);

/*
 * Each pattern is a fixed prefix and one bounded character class, fenced by look-arounds on the
 * same class: linear, and never a slice of a longer token.
 */
const KEY_SHAPES: readonly KeyShape[] = [
  { label: 'Anthropic API key', hint: /sk-ant-/, pattern: /(?<![\w-])sk-ant-[a-z]{3,8}\d{0,3}-[A-Za-z0-9_-]{32,250}(?![\w-])/g },
  {
    label: 'OpenAI API key',
    hint: /sk-/,
    pattern: /(?<![\w-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,250}(?![\w-])/g,
    // "sk-learn-..." is prose; real keys mix cases and digits (a random 20+ char key almost surely does).
    accept: (token) => !token.startsWith('sk-ant-') && HAS_UPPER_LOWER_AND_DIGIT(token.slice(3)),
  },
  { label: 'AWS access key id', hint: /AKIA|ASIA/, pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g },
  { label: 'GitHub token', hint: /gh[pousr]_/, pattern: /(?<!\w)(?:ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{36,251}(?!\w)/g },
  { label: 'GitHub fine-grained token', hint: /github_pat_/, pattern: /(?<!\w)github_pat_[A-Za-z0-9_]{22,255}(?!\w)/g },
  {
    label: 'Slack token',
    hint: /xox[abprs]-/,
    pattern: /(?<![\w-])xox[abprs]-[A-Za-z0-9-]{10,250}(?![\w-])/g,
    accept: (token) => /\d/.test(token),
  },
  {
    label: 'Slack webhook URL',
    hint: /hooks\.slack\.com/,
    pattern: /\bhttps:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9]{8,12}\/[A-Za-z0-9]{8,12}\/[A-Za-z0-9]{20,32}(?![\w-])/g,
  },
  { label: 'GitLab token', hint: /gl(?:pat|dt|ptt|rt)-/, pattern: /(?<![\w-])gl(?:pat|dt|ptt|rt)-[A-Za-z0-9_-]{20,64}(?![\w-])/g, accept: (token) => /\d/.test(token) },
  { label: 'npm token', hint: /npm_/, pattern: /(?<!\w)npm_[A-Za-z0-9]{36}(?!\w)/g },
  { label: 'PyPI token', hint: /pypi-/, pattern: /(?<![\w-])pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,250}(?![\w-])/g },
  { label: 'Hugging Face token', hint: /hf_/, pattern: /(?<!\w)hf_[A-Za-z0-9]{34,40}(?!\w)/g, accept: HAS_UPPER_LOWER_AND_DIGIT },
  { label: 'SendGrid API key', hint: /SG\./, pattern: /(?<![\w.-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![\w.-])/g },
  { label: 'Google API key', hint: /AIza/, pattern: /(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])/g },
  { label: 'Stripe secret key', hint: /[sr]k_(?:live|test)_/, pattern: /(?<!\w)(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,247}(?!\w)/g },
];

/** Creates the detector for vendor-shaped API keys (`SECRET`). */
export function createApiKeyDetector(): Detector {
  const name = 'api-key';
  return {
    name,
    entityTypes: ['SECRET'],
    detect(text: string): DetectedEntity[] {
      const entities: DetectedEntity[] = [];
      for (const shape of KEY_SHAPES) {
        // Most texts hold no key prefix at all: a plain search rules a shape out without a scan.
        if (!shape.hint.test(text)) continue;
        const found = scanCandidates(text, shape.pattern, { type: 'SECRET', detector: name }, (match) =>
          shape.accept === undefined || shape.accept(match[0]) ? { score: 0.95, reason: `${shape.label} shape` } : undefined,
        );
        entities.push(...found);
      }
      return entities.sort((left, right) => left.start - right.start);
    },
  };
}

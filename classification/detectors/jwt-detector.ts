/** JSON Web Tokens: three base64url parts whose first decodes to a JSON header with "alg". */
import type { Detector } from '../classifier.js';
import { scanCandidates } from './scan-candidates.js';

/*
 * "eyJ" is base64 for '{"', how every JWT header starts. Parts are bounded runs of the base64url
 * alphabet, which excludes the "." between them, so matching is linear.
 */
const JWT_CANDIDATE = /(?<![\w-])eyJ[A-Za-z0-9_-]{5,2000}\.[A-Za-z0-9_-]{2,8000}\.[A-Za-z0-9_-]{0,2000}(?![\w-])/g;

/** Creates the detector for JSON Web Tokens (`SECRET`). */
export function createJwtDetector(): Detector {
  const name = 'jwt';
  return {
    name,
    entityTypes: ['SECRET'],
    detect: (text) =>
      scanCandidates(text, JWT_CANDIDATE, { type: 'SECRET', detector: name }, (match) => {
        const algorithm = headerAlgorithm(match[0].slice(0, match[0].indexOf('.')));
        return algorithm === undefined ? undefined : { score: 0.95, reason: `JSON Web Token (alg ${algorithm})` };
      }),
  };
}

/** The header's "alg", or undefined when the part is not a base64url JSON object with one. */
function headerAlgorithm(part: string): string | undefined {
  try {
    const header: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null) return undefined;
    const algorithm = (header as Record<string, unknown>).alg;
    return typeof algorithm === 'string' ? algorithm.slice(0, 32) : undefined;
  } catch {
    // Not JSON: an ordinary "eyJ..." string, not a token. Expected, so not an error.
    return undefined;
  }
}

/**
 * Random-looking tokens (20+ characters, high Shannon entropy) shortly after a credential word
 * ("my API key is 3f9a..."), where no vendor shape or assignment syntax identifies them.
 */
import type { Detector } from '../classifier.js';
import { scanCandidates } from './scan-candidates.js';
import { isRandomLookingSecret, PUBLIC_VALUE_NAME } from './secret-heuristics.js';
import { textBefore } from './text-boundaries.js';

/*
 * A bounded run of base64/base64url characters with optional padding, fenced by look-arounds on
 * the same class so it is never a slice of a longer token; linear.
 */
const TOKEN = /(?<![\w+/=\-.])[A-Za-z0-9+/_-]{20,512}={0,2}(?![\w+/=-])/g;
const CREDENTIAL_WORD = /key|secret|token|passw(?:or)?d|passphrase|credential|bearer|auth/i;
/** A name being declared or typed ("interface X448KeyPairOptions", "options?: ..."): code, not a value. */
const DECLARATION_BEFORE = /(?:\b(?:interface|type|class|enum|function|def|extends|implements|new|import|export|const|let|var)\s{1,4}|\?:\s{0,4})$/;
/** How far before the token the credential word may be. */
const CUE_DISTANCE = 40;

/** Creates the detector for high-entropy tokens beside credential words (`SECRET`). */
export function createKeywordEntropyDetector(): Detector {
  const name = 'keyword-entropy';
  return {
    name,
    entityTypes: ['SECRET'],
    detect: (text) =>
      scanCandidates(text, TOKEN, { type: 'SECRET', detector: name }, (match, start) => {
        const before = textBefore(text, start, CUE_DISTANCE);
        // "public key pin sha256: ..." names a credential word but a public value.
        if (!CREDENTIAL_WORD.test(before) || PUBLIC_VALUE_NAME.test(before) || DECLARATION_BEFORE.test(before)) return undefined;
        if (!isRandomLookingSecret(match[0].replace(/=+$/, ''))) return undefined;
        // Weaker evidence than a vendor shape or an assignment; merging prefers those.
        return { score: 0.6, reason: 'high-entropy token near a credential word' };
      }),
  };
}

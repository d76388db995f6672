/** Email addresses: a cheap bounded regex finds candidates, validator's `isEmail` decides. */
import validator from 'validator';
import type { Detector } from '../classifier.js';
import { scanCandidates } from './scan-candidates.js';
import { textBefore } from './text-boundaries.js';

/*
 * Local part up to 64 characters, up to 9 domain labels of up to 63: every repetition is bounded
 * and the character classes on either side of `@` and `.` do not overlap, so matching is linear.
 * The lookbehind starts a candidate only at the beginning of a run of local-part characters.
 */
/**
 * "https://user:TOKEN@host" and "https://TOKEN@host": URL userinfo, where the part before "@" is a
 * credential. Reporting it as an email would hide the credential finding (the longer span wins).
 */
const URL_USERINFO_BEFORE = /:\/\/(?:[^\s:/@]{1,64}:)?$/;
const EMAIL_CANDIDATE =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;

/** Creates the detector for `EMAIL_ADDRESS`. */
export function createEmailDetector(): Detector {
  const name = 'email';
  return {
    name,
    entityTypes: ['EMAIL_ADDRESS'],
    detect: (text) =>
      scanCandidates(text, EMAIL_CANDIDATE, { type: 'EMAIL_ADDRESS', detector: name }, (match, start, end) => {
        // "a@b.com@c.org" is not one address; neither half is trustworthy.
        if (text[end] === '@') return undefined;
        if (URL_USERINFO_BEFORE.test(textBefore(text, start, 80))) return undefined;
        if (!validator.isEmail(match[0])) return undefined;
        return { score: 0.95, reason: 'well-formed email address with a valid domain' };
      }),
  };
}

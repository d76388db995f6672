/**
 * Credentials given a name: `password: hunter2`, `API_KEY="..."`, `Authorization: Bearer ...`,
 * "my password is ...", and `scheme://user:password@host`. The span is the value only, so
 * redaction keeps the name and replaces the secret.
 */
import type { DetectedEntity, Detector } from '../classifier.js';
import { isPlausiblePassword, isRandomLookingSecret, PASSWORD_NAME, PUBLIC_VALUE_NAME, SECRET_NAME } from './secret-heuristics.js';
import { forEachMatch } from '../regex-matches.js';

/*
 * name, optional closing quote, operator (: = := =>), optional auth scheme, then a quoted or bare
 * value. Name, operator and value classes do not overlap and all repetitions are bounded. A bare
 * value may contain "&" ("Tr0ub4dor&3x") but stops where a query string's next "&name=" starts.
 */
const ASSIGNMENT =
  /(?<![\w.-])([A-Za-z_][\w.-]{0,63})["']?[ \t]{0,3}(?::=|=>|[:=])[ \t]{0,3}(?:(?:Bearer|Basic|Token)[ \t]{1,3})?(?:"([^"\n]{1,256})"|'([^'\n]{1,256})'|`([^`\n]{1,256})`|((?:[^\s"'`,;&]|&(?![\w.-]{1,64}=)){1,256}))/g;
const PROSE =
  /\b(?:password|passphrase|passcode)[ \t]{1,3}(?:is|was)[ \t]{1,3}(?:"([^"\n]{1,128})"|'([^'\n]{1,128})'|([^\s"'`,;]{1,128}))/gi;
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@]{1,64}:([^\s:/@]{1,128})@/gi;

/** Creates the detector for named credentials (`SECRET`). */
export function createCredentialAssignmentDetector(): Detector {
  const name = 'credential-assignment';
  const entity = (start: number, value: string, score: number, reason: string): DetectedEntity => ({
    type: 'SECRET',
    start,
    end: start + value.length,
    score,
    reason,
    detector: name,
  });
  return {
    name,
    entityTypes: ['SECRET'],
    detect(text: string): DetectedEntity[] {
      const entities: DetectedEntity[] = [];
      forEachMatch(text, ASSIGNMENT, (match) => {
        const found = capturedValue(match, 2);
        if (found === undefined) return;
        // An unquoted value that ends a sentence ("password: hunter2.") does not own the full stop.
        if (match[5] !== undefined && found.value.endsWith('.')) found.value = found.value.slice(0, -1);
        const variable = match[1]!;
        if (PUBLIC_VALUE_NAME.test(variable)) return;
        if (PASSWORD_NAME.test(variable) && isPlausiblePassword(found.value)) {
          entities.push(entity(found.start, found.value, 0.8, `value assigned to password-like name "${variable}"`));
        } else if (SECRET_NAME.test(variable) && isRandomLookingSecret(found.value)) {
          entities.push(entity(found.start, found.value, 0.8, `high-entropy value assigned to "${variable}"`));
        }
      });
      forEachMatch(text, PROSE, (match) => {
        const found = capturedValue(match, 1);
        if (found === undefined) return;
        // Prose has no quotes to end the value: drop a sentence's full stop ("!" is a common password character).
        const value = found.value.replace(/\.+$/, '');
        // "the password is incorrect": a plain lower-case word after "is" is English, not a password.
        if (/^[a-z]+$/.test(value) || !isPlausiblePassword(value)) return;
        entities.push(entity(found.start, value, 0.75, 'password stated in prose'));
      });
      forEachMatch(text, URL_CREDENTIALS, (match) => {
        const password = match[1]!;
        if (!isPlausiblePassword(password)) return;
        const start = match.index + match[0].length - 1 - password.length;
        entities.push(entity(start, password, 0.9, 'password in a URL userinfo'));
      });
      return entities.sort((left, right) => left.start - right.start);
    },
  };
}

/**
 * The first defined value capture from `firstGroup` on, with its offset in the text. The value
 * always ends the match; every capture but the last (bare) one is followed by its closing quote.
 */
function capturedValue(match: RegExpMatchArray, firstGroup: number): { value: string; start: number } | undefined {
  for (let group = firstGroup; group < match.length; group++) {
    const value = match[group];
    if (value === undefined) continue;
    const closingQuote = group < match.length - 1 ? 1 : 0;
    return { value, start: match.index! + match[0].length - closingQuote - value.length };
  }
  return undefined;
}

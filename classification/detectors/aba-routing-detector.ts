/**
 * US bank routing (ABA transit) numbers: 9 digits with a valid Federal Reserve prefix and the
 * 3-7-1 checksum, reported only beside routing / ABA / RTN / bank words. A checksum alone passes
 * one random 9-digit number in ten, so the words are required, not optional.
 */
import type { Detector } from '../classifier.js';
import { hasCueAround, REPORT_FLOOR } from './context-cues.js';
import { scanCandidates } from './scan-candidates.js';
import { textBefore } from './text-boundaries.js';

/* Nine digits, plain or in the MICR-style 4-4-1 grouping; fenced so it is never part of a longer number. */
const ROUTING_CANDIDATE = /(?<![\w\-/.])(?<!\d[ -])(?:\d{9}|\d{4}-\d{4}-\d)(?![\w/]|[-. ]\d)/g;
/** Words that name the number itself. */
const ROUTING_CUE = /\brouting\b|\baba\b|\brtn\b|\btransit (?:number|no)|\bbank (?:code|number|no|routing)|\bach\b|\bwire\b|\bfedwire\b/i;
/** Words that only say a bank is involved; with no naming word a checksum-valid number scores lower. */
const BANK_CUE = /\bbank\b|\bbanking\b|\bdirect deposit\b|\bchecking\b|\bsavings\b/i;
/** "Account number 123456789": the nearest label says it is the account, not the routing number. */
const ACCOUNT_LABEL = /\b(?:account|acct|a\/c)\b[ \t#:.=-]{0,4}(?:(?:number|no|nr|#)\b\.?[ \t#:=-]{0,4})?$/i;
const CUE_DISTANCE = { before: 48, after: 24 };

/** True when 9 digits are an ABA routing number: Federal Reserve prefix and 3-7-1 checksum. */
export function isValidRoutingNumber(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const prefix = Number(digits.slice(0, 2));
  // 00-12 banks, 21-32 thrifts, 61-72 electronic transactions, 80 traveller's cheques.
  const validPrefix = prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
  if (!validPrefix || digits === '000000000') return false;
  const d = [...digits].map(Number);
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  return sum % 10 === 0;
}

/** Creates the detector for `ABA_ROUTING_NUMBER`. */
export function createAbaRoutingDetector(): Detector {
  const name = 'aba-routing';
  return {
    name,
    entityTypes: ['ABA_ROUTING_NUMBER'],
    detect: (text) =>
      scanCandidates(text, ROUTING_CANDIDATE, { type: 'ABA_ROUTING_NUMBER', detector: name }, (match, start, end) => {
        if (!isValidRoutingNumber(match[0].replaceAll('-', ''))) return undefined;
        const named = hasCueAround(text, start, end, ROUTING_CUE, CUE_DISTANCE);
        const banky = named || hasCueAround(text, start, end, BANK_CUE, CUE_DISTANCE);
        if (!banky) return undefined;
        let score = named ? 0.9 : 0.6;
        // An account number that happens to pass the checksum keeps its own label.
        if (!named && ACCOUNT_LABEL.test(textBefore(text, start, 24))) score -= 0.3;
        if (score < REPORT_FLOOR) return undefined;
        return { score, reason: `checksum-valid ABA routing number beside ${named ? 'a routing cue' : 'a bank cue'}` };
      }),
  };
}

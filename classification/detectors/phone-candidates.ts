/**
 * Finds phone-shaped runs of text (digit groups with phone punctuation) and the windows of them
 * worth validating. Cheap shape rules here keep dates, IPs, decimals, ISBNs and bare ids away
 * from the (slow) libphonenumber parser.
 */
import { isWordCharacterAt, textBefore } from './text-boundaries.js';

/*
 * An optional "+" or "(", then up to 8 digit groups joined by 1-3 punctuation characters. Digits
 * and punctuation never overlap and every repetition is bounded, so matching is linear. The
 * lookbehinds start a run only where a number starts, not inside a word, an id or a longer number.
 */
const PHONE_RUN = /(?<![\w@.+/-])(?<!\d[ .\-()/]{1,3})(?:\+ ?|\( ?\+?)?\d{1,15}(?:[ .\-()/]{1,3}\d{1,15}){0,7}\)?/g;
/** What may not follow a run: letters (an id) or more digit groups (a longer number). */
const CONTINUES_NUMBER = /^(?:[\w@]|[ .\-()/]{1,3}\d)/;
/** Phone words in English, German, French, Spanish, Italian, Portuguese and Dutch. */
const CALL_CUE =
  /(?<![\p{L}\p{N}])(?:phone|tel|t[eé]l[eé]phone|telephone|telefon|telefono|tel[eé]fono|mobile?|mob|cell|cellphone|call|ring|fax|whatsapp|signal|sms|text me|landline|handy|mobil|rufnummer|anrufen|portable|appelez|appeler|m[oó]vil|celular|llamar|cellulare|chiamare|telemóvel|bellen|contact number|hotline)(?![\p{L}\p{N}])/iu;
const DATE_SEPARATORS = new Set(['-', '.', '/']);
/** Byte dumps ("<Buffer ab 01 02 03 04 05>") look like French numbers in pairs of digits. */
const HEX_BYTE_BEFORE = /(?:\b[0-9a-f]{2} |<Buffer )$/i;
const HEX_BYTE_AFTER = /^ [0-9a-f]{2}\b/i;

/** A stretch of text to hand to the phone parser. */
export interface PhoneCandidate {
  text: string;
  start: number;
  end: number;
  international: boolean;
  /** A phone word stands just before or after the run. */
  cue: boolean;
}

interface Group {
  digits: string;
  start: number;
  end: number;
  separator: string;
}

/** Phone-shaped runs in the text, each as up to three windows to try, longest first. */
export function* phoneCandidates(text: string): Generator<PhoneCandidate[]> {
  for (const match of text.matchAll(PHONE_RUN)) {
    // Most runs are a year or a count: too few digits for any phone number, so skip the rest cheaply.
    if (countDigits(match[0]) < MIN_PHONE_DIGITS) continue;
    const end = match.index + match[0].length;
    // The regex's \w is ASCII-only; "é555 0100 200" is still a slice of a word.
    if (isWordCharacterAt(text, match.index - 1) || CONTINUES_NUMBER.test(text.slice(end, end + 4))) continue;
    const groups = splitGroups(match[0], match.index);
    const pairsOnly = groups.every((group) => group.digits.length === 2);
    if (pairsOnly && (HEX_BYTE_BEFORE.test(textBefore(text, match.index, 9)) || HEX_BYTE_AFTER.test(text.slice(end, end + 4)))) continue;
    const international = /^\(?\s*\+/.test(match[0]);
    const cue = CALL_CUE.test(textBefore(text, match.index, 32)) || CALL_CUE.test(text.slice(end, end + 16));
    // The whole run, then without its last or first group ("call 020 7946 0018 2 times").
    const windows: [number, number][] = [[0, groups.length]];
    if (groups.length > 2) windows.push([0, groups.length - 1], [1, groups.length]);
    const candidates: PhoneCandidate[] = [];
    for (const [first, last] of windows) {
      const window = groups.slice(first, last);
      const firstGroup = window[0]!;
      const start = first === 0 ? match.index : firstGroup.start - (text[firstGroup.start - 1] === '(' ? 1 : 0);
      const candidateEnd = closeParenthesis(text, start, window[window.length - 1]!.end);
      const candidate = { text: text.slice(start, candidateEnd), start, end: candidateEnd, international: international && first === 0, cue };
      if (isPhoneShaped(window, candidate.text, candidate.international, cue)) candidates.push(candidate);
    }
    if (candidates.length > 0) yield candidates;
  }
}

/** Fewest digits isPhoneShaped accepts (national numbers; international ones need 8). */
const MIN_PHONE_DIGITS = 7;

function countDigits(run: string): number {
  let count = 0;
  for (let index = 0; index < run.length; index++) {
    const code = run.charCodeAt(index);
    if (code >= 48 && code <= 57) count += 1;
  }
  return count;
}

function splitGroups(run: string, offset: number): Group[] {
  const groups: Group[] = [];
  let previousEnd = 0;
  for (const match of run.matchAll(/\d+/g)) {
    const separator = run.slice(previousEnd, match.index).trim();
    groups.push({ digits: match[0], start: offset + match.index, end: offset + match.index + match[0].length, separator });
    previousEnd = match.index + match[0].length;
  }
  return groups;
}

/** Include a closing ")" that balances an opening one ("(0)" is common before the last group). */
function closeParenthesis(text: string, start: number, end: number): number {
  const opened = (text.slice(start, end).match(/\(/g) ?? []).length;
  const closed = (text.slice(start, end).match(/\)/g) ?? []).length;
  return opened > closed && text[end] === ')' ? end + 1 : end;
}

function isPhoneShaped(window: Group[], candidate: string, international: boolean, cue: boolean): boolean {
  const digitCount = window.reduce((sum, group) => sum + group.digits.length, 0);
  if (digitCount < (international ? 8 : 7) || digitCount > 15) return false;
  // A bare digit run is an id or a timestamp unless a "+" or a call cue says otherwise.
  if (window.length === 1 && !international && !cue) return false;
  if (!hasBalancedParentheses(candidate)) return false;
  // Phone numbers end in a group of 2+ digits; ISBNs and reference codes end in a check digit.
  if (window.length > 1 && window[window.length - 1]!.digits.length < 2) return false;
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(candidate)) return false; // an IPv4 address
  if (window.length === 2 && window[1]!.separator === '.') return false; // a decimal number
  // Dotted phones group digits in twos to fours (415.555.2671); "53.0.2785.143" is a version.
  // "52.520008": more than four digits after a dot is a decimal fraction (coordinates), not a phone group.
  if (window.some((group) => group.separator === '.' && group.digits.length > 4)) return false;
  // A leading "+" says phone, not version: "+33.1.42.68.53.00".
  if (!international && window.some((group) => group.separator === '.') && window.some((group) => group.digits.length < 2)) return false;
  if (/^\d{3}-\d{2}-\d{4}$/.test(candidate)) return false; // the US SSN format, not a phone format
  return !isDateLike(window);
}

function hasBalancedParentheses(candidate: string): boolean {
  let depth = 0;
  for (const character of candidate) {
    if (character === '(') depth += 1;
    if (character === ')') depth -= 1;
    if (depth < 0 || depth > 1) return false;
  }
  return depth === 0;
}

/** Y-M-D, D.M.Y or M/D/Y (optionally followed by a time), with plausible values. */
function isDateLike(window: Group[]): boolean {
  const [first, second, third] = window;
  if (first === undefined || second === undefined || third === undefined) return false;
  if (!DATE_SEPARATORS.has(second.separator) || second.separator !== third.separator) return false;
  const [a, b, c] = [Number(first.digits), Number(second.digits), Number(third.digits)];
  if (isYear(first) && second.digits.length <= 2 && third.digits.length <= 2) return isDayMonth(c, b);
  if (first.digits.length > 2 || second.digits.length > 2 || !isDayMonth(a, b)) return false;
  return isYear(third) || (third.digits.length === 2 && window.length === 3);
}

// Module-level, not closures inside isDateLike: under tsx every closure created per call also gets its name set.
function isYear(group: Group): boolean {
  return group.digits.length === 4 && Number(group.digits) >= 1800 && Number(group.digits) <= 2199;
}

function isDayMonth(x: number, y: number): boolean {
  return x >= 1 && y >= 1 && ((x <= 31 && y <= 12) || (x <= 12 && y <= 31));
}

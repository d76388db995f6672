/**
 * Finds phone-shaped runs of text (digit groups with phone punctuation) and the windows of them
 * worth validating. Cheap shape rules here keep dates, IPs, decimals, ISBNs and bare ids away
 * from the (slow) libphonenumber parser.
 */
import { forEachRunInDigitStretches } from './digit-stretches.js';
import { isWordCharacterAt, textBefore } from './text-boundaries.js';
import { isAsciiDigitCode } from '../ascii-digits.js';

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
  /** How many digits, and the number they spell (at most 15 digits: exact in a double). */
  length: number;
  value: number;
  start: number;
  end: number;
  /** The punctuation before the group, spaces trimmed ('' for none). */
  separator: string;
}

/**
 * Phone-shaped runs in the text, each as up to three windows to try, longest first.
 *
 * Written for few allocations (it runs on every view of every request, and garbage collection
 * pauses set the classifier's tail latency): the regex only where enough digits stand together,
 * groups read character by character into reused objects, windows as group index ranges,
 * and a candidate object only for a window whose digit count can be a phone number.
 */
export function phoneCandidates(text: string): PhoneCandidate[][] {
  const found: PhoneCandidate[][] = [];
  // Most runs are a year or a count: too few digits for any phone number; they cost no match.
  forEachRunInDigitStretches(text, PHONE_RUN, isPhoneJoiner, MIN_PHONE_DIGITS, (run, index) => addRun(found, text, run, index));
  return found;
}

/** Adds a run's windows worth validating, if any. */
function addRun(found: PhoneCandidate[][], text: string, run: string, runStart: number): void {
  if (countDigits(run) < MIN_PHONE_DIGITS) return;
  const end = runStart + run.length;
  // The regex's \w is ASCII-only; "é555 0100 200" is still a slice of a word.
  if (isWordCharacterAt(text, runStart - 1) || CONTINUES_NUMBER.test(text.slice(end, end + 4))) return;
  const groupCount = splitGroups(run, runStart);
  const groups = groupPool;
  if (allPairs(groups, groupCount) && (HEX_BYTE_BEFORE.test(textBefore(text, runStart, 9)) || HEX_BYTE_AFTER.test(text.slice(end, end + 4)))) return;
  const international = INTERNATIONAL_START.test(run);
  // The whole run, then without its last or first group ("call 020 7946 0018 2 times").
  const whole = phoneWindow(text, runStart, groups, 0, groupCount, international);
  const withoutLast = groupCount > 2 ? phoneWindow(text, runStart, groups, 0, groupCount - 1, international) : undefined;
  const withoutFirst = groupCount > 2 ? phoneWindow(text, runStart, groups, 1, groupCount, international) : undefined;
  // The cue is read only for a run with a candidate (most runs are dates, rejected by their groups).
  if (whole === undefined && withoutLast === undefined && withoutFirst === undefined) return;
  const cue = CALL_CUE.test(textBefore(text, runStart, 32)) || CALL_CUE.test(text.slice(end, end + 16));
  // A bare digit run (one group, the only window) is an id or a timestamp unless a "+" or a call cue says otherwise.
  if (groupCount === 1 && !international && !cue) return;
  // Built only now: even an empty array that is pushed to takes a 17-slot store.
  const candidates: PhoneCandidate[] = [];
  for (const candidate of [whole, withoutLast, withoutFirst]) {
    if (candidate === undefined) continue;
    candidate.cue = cue;
    candidates.push(candidate);
  }
  found.push(candidates);
}

/** The characters a phone run has besides digits: "+", "(", ")", space, ".", "-", "/". */
function isPhoneJoiner(code: number): boolean {
  return code === 43 || code === 40 || code === 41 || code === 32 || code === 46 || code === 45 || code === 47;
}

const INTERNATIONAL_START = /^\(?\s*\+/;

/** Groups [first, last) of a run as a candidate, when they are phone-shaped. */
function phoneWindow(
  text: string,
  runStart: number,
  groups: readonly Group[],
  first: number,
  last: number,
  runInternational: boolean,
): PhoneCandidate | undefined {
  const international = runInternational && first === 0;
  // The digit count alone rules out most windows: no slice or parse for them.
  const digitCount = countGroupDigits(groups, first, last);
  if (digitCount < (international ? 8 : 7) || digitCount > 15) return undefined;
  // Then the groups' shape (dates, decimals, versions), before any slice of the text.
  if (!hasPhoneShapedGroups(groups, first, last, international)) return undefined;
  const firstGroup = groups[first]!;
  const start = first === 0 ? runStart : firstGroup.start - (text[firstGroup.start - 1] === '(' ? 1 : 0);
  const end = closeParenthesis(text, start, groups[last - 1]!.end);
  const candidateText = text.slice(start, end);
  // The cue is filled in by addRun once the run has a candidate.
  return hasPhoneShapedText(candidateText) ? { text: candidateText, start, end, international, cue: false } : undefined;
}

/** Fewest digits phoneWindow accepts (national numbers; international ones need 8). */
const MIN_PHONE_DIGITS = 7;

function countDigits(run: string): number {
  let count = 0;
  for (let index = 0; index < run.length; index++) if (isAsciiDigitCode(run.charCodeAt(index))) count += 1;
  return count;
}

/**
 * The groups of the run being read, reused from run to run (objects made only when a run has more
 * groups than any before): a run is read to the end before the next one, and a fresh array and
 * group objects per run were most of what reading runs allocated.
 */
const groupPool: Group[] = [];

/** Reads the run's digit groups into {@link groupPool}; returns how many. */
function splitGroups(run: string, offset: number): number {
  let count = 0;
  let index = 0;
  let previousEnd = 0;
  while (index < run.length) {
    if (!isAsciiDigitCode(run.charCodeAt(index))) {
      index += 1;
      continue;
    }
    const start = index;
    let value = 0;
    for (; index < run.length && isAsciiDigitCode(run.charCodeAt(index)); index++) value = value * 10 + run.charCodeAt(index) - 48;
    const group = (groupPool[count] ??= { length: 0, value: 0, start: 0, end: 0, separator: '' });
    group.length = index - start;
    group.value = value;
    group.start = offset + start;
    group.end = offset + index;
    group.separator = trimmedBetween(run, previousEnd, start);
    count += 1;
    previousEnd = index;
  }
  return count;
}

/** `run.slice(from, to).trim()` for phone punctuation; a single character costs no new string. */
function trimmedBetween(run: string, from: number, to: number): string {
  while (from < to && run.charCodeAt(from) === 32) from += 1;
  while (to > from && run.charCodeAt(to - 1) === 32) to -= 1;
  return to - from === 1 ? run[from]! : run.slice(from, to);
}

/** Include a closing ")" that balances an opening one ("(0)" is common before the last group). */
function closeParenthesis(text: string, start: number, end: number): number {
  let opened = 0;
  let closed = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 40) opened += 1; // "("
    else if (code === 41) closed += 1; // ")"
  }
  return opened > closed && text[end] === ')' ? end + 1 : end;
}

function allPairs(groups: readonly Group[], count: number): boolean {
  for (let index = 0; index < count; index++) if (groups[index]!.length !== 2) return false;
  return true;
}

function countGroupDigits(groups: readonly Group[], first: number, last: number): number {
  let count = 0;
  for (let index = first; index < last; index++) count += groups[index]!.length;
  return count;
}

/** Whether groups [first, last) of a run, whose digit count phoneWindow has checked, can be a phone number. */
function hasPhoneShapedGroups(groups: readonly Group[], first: number, last: number, international: boolean): boolean {
  const count = last - first;
  // Phone numbers end in a group of 2+ digits; ISBNs and reference codes end in a check digit.
  if (count > 1 && groups[last - 1]!.length < 2) return false;
  if (count === 2 && groups[first + 1]!.separator === '.') return false; // a decimal number
  let dotted = false;
  let singleDigitGroup = false;
  for (let index = first; index < last; index++) {
    const group = groups[index]!;
    // Dotted phones group digits in twos to fours (415.555.2671); "53.0.2785.143" is a version.
    // "52.520008": more than four digits after a dot is a decimal fraction (coordinates), not a phone group.
    if (group.separator === '.' && group.length > 4) return false;
    dotted ||= group.separator === '.';
    singleDigitGroup ||= group.length < 2;
  }
  // A leading "+" says phone, not version: "+33.1.42.68.53.00".
  if (!international && dotted && singleDigitGroup) return false;
  return !isDateLike(groups, first, last);
}

/** Whether a window's text (its groups already phone-shaped) can be a phone number. */
function hasPhoneShapedText(candidate: string): boolean {
  return hasBalancedParentheses(candidate) && !IPV4.test(candidate) && !SSN_FORMAT.test(candidate); // not an IPv4 address, not the US SSN format
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const SSN_FORMAT = /^\d{3}-\d{2}-\d{4}$/;

function hasBalancedParentheses(candidate: string): boolean {
  let depth = 0;
  for (let index = 0; index < candidate.length; index++) {
    const code = candidate.charCodeAt(index);
    if (code === 40) depth += 1; // "("
    if (code === 41) depth -= 1; // ")"
    if (depth < 0 || depth > 1) return false;
  }
  return depth === 0;
}

/** Y-M-D, D.M.Y or M/D/Y (optionally followed by a time), with plausible values, in groups [first, last). */
function isDateLike(groups: readonly Group[], first: number, last: number): boolean {
  if (last - first < 3) return false;
  const head = groups[first]!;
  const second = groups[first + 1]!;
  const third = groups[first + 2]!;
  if (!DATE_SEPARATORS.has(second.separator) || second.separator !== third.separator) return false;
  if (isYear(head) && second.length <= 2 && third.length <= 2) return isDayMonth(third.value, second.value);
  if (head.length > 2 || second.length > 2 || !isDayMonth(head.value, second.value)) return false;
  return isYear(third) || (third.length === 2 && last - first === 3);
}

// Module-level, not closures inside isDateLike: under tsx every closure created per call also gets its name set.
function isYear(group: Group): boolean {
  return group.length === 4 && group.value >= 1800 && group.value <= 2199;
}

function isDayMonth(x: number, y: number): boolean {
  return x >= 1 && y >= 1 && ((x <= 31 && y <= 12) || (x <= 12 && y <= 31));
}

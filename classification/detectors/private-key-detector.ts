/** PEM private keys: the whole -----BEGIN ... PRIVATE KEY----- block, END marker included. */
import type { DetectedEntity, Detector } from '../classifier.js';
import { forEachMatch } from '../regex-matches.js';

/* Up to five upper-case words before "PRIVATE KEY": bounded and unambiguous (words end in a space). */
const LABEL = String.raw`((?:[A-Z0-9]{1,20} ){0,5}PRIVATE KEY(?: BLOCK)?)`;
const BEGIN_MARKER = new RegExp(`-----BEGIN ${LABEL}-----`, 'g');
const END_MARKER = new RegExp(`-----END ${LABEL}-----`, 'g');
/** Longest block we look for an END marker in; real keys are a few KB. */
const MAX_BLOCK_CHARS = 64 * 1024;
/** A base64 body line (PEM wraps at 64), or a short final line, or an encrypted-key header field. */
const BODY_TOKEN = /^[A-Za-z0-9+/]{16,}={0,2}$/;
const TAIL_TOKEN = /^[A-Za-z0-9+/]{1,15}={0,2}$/;
/** A final body line keeps base64's 4-character alignment and is not a lower-case word ("and"). */
const isTailLine = (token: string): boolean => TAIL_TOKEN.test(token) && token.length % 4 === 0 && /[^a-z]/.test(token);
const HEADER_FIELD = /^(?:Proc-Type|DEK-Info):$/;

/** Creates the detector for `PRIVATE_KEY`. */
export function createPrivateKeyDetector(): Detector {
  const name = 'private-key';
  return {
    name,
    entityTypes: ['PRIVATE_KEY'],
    detect(text: string): DetectedEntity[] {
      // One pass collects every END marker, so pairing is linear even with many BEGINs.
      const endsByLabel = new Map<string, { start: number; end: number }[]>();
      forEachMatch(text, END_MARKER, (match) => {
        const ends = endsByLabel.get(match[1]!) ?? [];
        ends.push({ start: match.index, end: match.index + match[0].length });
        endsByLabel.set(match[1]!, ends);
      });
      const entities: DetectedEntity[] = [];
      let scannedTo = 0;
      forEachMatch(text, BEGIN_MARKER, (match) => {
        if (match.index < scannedTo) return; // inside the previous block
        const headerEnd = match.index + match[0].length;
        const endMarker = firstEndAfter(endsByLabel.get(match[1]!), headerEnd);
        const complete = endMarker !== undefined && endMarker.start - headerEnd <= MAX_BLOCK_CHARS;
        // A truncated paste is still a key: take the body up to where it stops looking like one.
        const end = complete ? endMarker.end : truncatedBodyEnd(text, headerEnd);
        entities.push({
          type: 'PRIVATE_KEY',
          start: match.index,
          end,
          score: complete ? 1 : 0.9,
          reason: complete ? `PEM ${match[1]} block` : `PEM ${match[1]} header without its END marker`,
          detector: name,
        });
        scannedTo = end;
      });
      return entities;
    },
  };
}

function firstEndAfter(ends: { start: number; end: number }[] | undefined, position: number): { start: number; end: number } | undefined {
  if (ends === undefined) return undefined;
  // Binary search: markers are in text order.
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ends[middle]!.start < position) low = middle + 1;
    else high = middle;
  }
  return ends[low];
}

function truncatedBodyEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + MAX_BLOCK_CHARS);
  const tokens = /\S+/g;
  tokens.lastIndex = from;
  let end = from;
  let previousLength = 0;
  let match: RegExpExecArray | null;
  // Token by token, so a key pasted on one line is handled like a wrapped one, and prose after
  // the body is not swallowed.
  while ((match = tokens.exec(text)) !== null && match.index < limit) {
    const token = match[0];
    if (HEADER_FIELD.test(token)) {
      const value = tokens.exec(text);
      if (value === null) return match.index + token.length;
      end = value.index + value[0].length;
      continue;
    }
    const isBody = BODY_TOKEN.test(token) || (previousLength === 64 && isTailLine(token));
    if (!isBody) break;
    end = match.index + token.length;
    previousLength = token.length;
  }
  return end;
}

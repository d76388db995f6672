/**
 * Context cues that say "a name starts here" whatever the words look like: a self-introduction
 * ("my name is", "Name:", "je m'appelle") and a sign-off followed by the writer's name
 * ("Regards,\nMaria Rossi", "Best, Tom"). Found with anchored, bounded regexes over the original
 * text, so the cost is linear in its length.
 */
import { CLOSINGS } from './non-name-words.js';

/** Where a cue says a name should start, and what the name must look like there. */
export interface NameCue {
  /** Offset just after the cue (and the white space after it). */
  at: number;
  evidence: 'self-introduction' | 'signature';
  /** People type their own name in lower case ("my name is maria lopez"); a sign-off's line is a name only when capitalised. */
  lowerCaseAllowed: boolean;
  /** A signature name stands alone on its line. */
  mustEndLine: boolean;
}

const SELF_INTRODUCTION =
  /(?<!\p{L})(?:my name is|my name['’]s|call me|i am called|je m['’]appelle|ich hei(?:ß|ss)e|me llamo|mi chiamo|(?:full |first |last |patient |employee |customer |client |candidate )?name[ \t]*:)[ \t]*/giu;

const escape = (phrase: string): string => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\t]+');
// Longest first, so "best regards" is preferred to "best".
const CLOSING = [...CLOSINGS].sort((left, right) => right.length - left.length).map(escape).join('|');
// The sign-off alone on its line, then the name on the next line (a blank line between is fine).
const CLOSING_THEN_LINE = new RegExp(`^[ \\t]*(?:${CLOSING})[ \\t]*[,.!]?[ \\t]*\\r?\\n(?:[ \\t]*\\r?\\n)?[ \\t]*`, 'gimu');
// "Best, Tom" on one line.
const CLOSING_COMMA_NAME = new RegExp(`^[ \\t]*(?:${CLOSING})[ \\t]*,[ \\t]*(?=\\p{Lu})`, 'gimu');

/** Every cue in the text, in text order. */
export function findNameCues(text: string): NameCue[] {
  const cues: NameCue[] = [];
  for (const match of text.matchAll(SELF_INTRODUCTION)) {
    // "Name:" is a form label: the value is typed as given, possibly all caps, never lower case prose.
    const isLabel = match[0].includes(':');
    cues.push({ at: match.index + match[0].length, evidence: 'self-introduction', lowerCaseAllowed: !isLabel, mustEndLine: false });
  }
  for (const pattern of [CLOSING_THEN_LINE, CLOSING_COMMA_NAME]) {
    for (const match of text.matchAll(pattern)) {
      cues.push({ at: match.index + match[0].length, evidence: 'signature', lowerCaseAllowed: false, mustEndLine: true });
    }
  }
  return cues.sort((left, right) => left.at - right.at);
}

/** Shape tests on tagged tokens: capitalisation, code identifiers, and which tokens chain into one name. */
import type { Token } from './tagged-tokens.js';

// "McDonald", "MacArthur", "DeShawn", "LaToya", "O'Brien", "D'Angelo": inner capitals in real names.
const NAME_WITH_INNER_CAPITAL = /^(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|O['’]|D['’]|L['’]|Al-|El-)\p{Lu}\p{Ll}+(?:['’]s)?$/u;

/** True when the token starts with an upper-case letter ("Müller", "MÜLLER", "Ng"). */
export function isCapitalised(token: Token): boolean {
  return /^\p{Lu}/u.test(token.text);
}

/**
 * True for code-like tokens: digits, underscores, dots or slashes inside ("React.useState",
 * "user_id", "v2"), or camelCase that is not a real name pattern ("getUser", "iPhone", "DataFrame").
 */
export function isCodeLike(token: Token, text: string): boolean {
  const word = token.text;
  if (/[\d_./\\@#$=<>{}[\]()]/.test(word)) return true;
  if (/\p{Ll}\p{Lu}/u.test(word) && !NAME_WITH_INNER_CAPITAL.test(word)) return true;
  // Touching code punctuation in the text: "obj.Name", "Name(", "Name.method", "`Name`", "<Name>".
  const before = text[token.start - 1] ?? ' ';
  const after = text.slice(token.end, token.end + 2);
  if (/[.@#$/\\_`<]/.test(before)) return true;
  if (/^(?:\(|\.\p{L}|_|`|>|::|=)/u.test(after)) return true;
  return false;
}

/**
 * True when `right` continues the name that `left` is part of: a space or two, a hyphen
 * ("Jean-Pierre"), or the dot after an initial ("J. Smith"). Commas, line breaks and a possessive
 * ("O'Brien's car") end a name; organisation names may hold one ("St Mary's Hospital").
 */
export function continuesName(text: string, left: Token, right: Token, allowPossessive = false): boolean {
  if (!allowPossessive && /['’]s$/i.test(left.text) && left.text.length > 2) return false;
  const gap = text.slice(left.end, right.start);
  if (gap === '-' || /^[ \t]{1,2}$/.test(gap)) return true;
  return left.text.length === 1 && /^\.[ \t]?$/.test(gap);
}

/** Number of UTF-16 units to drop from the end of a name span: a trailing possessive "'s". */
export function possessiveLength(word: string): number {
  return /\p{L}['’]s$/iu.test(word) ? 2 : 0;
}

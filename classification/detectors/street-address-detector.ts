/**
 * Street addresses: house number + street name + street-type word ("221B Baker Street",
 * "1600 Pennsylvania Ave NW"), the German "Hauptstraße 5" / "Berliner Str. 12", the French
 * "12 rue de la Paix" and the Italian/Spanish "Via Roma 10" / "Calle Mayor 5". The span is the
 * street line; unit, city and postcode are left out.
 */
import type { DetectedEntity, Detector } from '../classifier.js';
import { textBefore } from './text-boundaries.js';
import { forEachMatch } from '../regex-matches.js';

const US_STREET_TYPES = [
  'Street', 'St', 'Avenue', 'Ave', 'Road', 'Rd', 'Boulevard', 'Blvd', 'Lane', 'Ln', 'Drive', 'Dr', 'Way', 'Court', 'Ct',
  'Place', 'Pl', 'Terrace', 'Ter', 'Parkway', 'Pkwy', 'Highway', 'Hwy', 'Circle', 'Cir', 'Square', 'Sq', 'Loop', 'Trail',
];
// Capitalised, upper-case and lower-case spellings ("Main st"); the list is fixed, so the alternation is bounded.
const US_TYPE = `(?:${US_STREET_TYPES.flatMap((word) => [word, word.toUpperCase(), word.toLowerCase()]).join('|')})`;
const NAME_WORD = String.raw`(?:\p{Lu}[\p{L}'’\-]{0,24}\.?|\d{1,3}(?:st|nd|rd|th))`;
const DIRECTION = String.raw`(?:[NSEW]\.?|North|South|East|West|NE|NW|SE|SW)`;
/*
 * Number, optional direction, 1-4 capitalised name words, the type word, optional direction
 * suffix. Every piece is bounded, so work per starting digit is constant: linear overall.
 */
const US_ADDRESS = new RegExp(
  String.raw`(?<![\p{L}\d.,/:\-])\d{1,6}[A-Z]?(?:-\d{1,4})? (?:${DIRECTION} )?(?:${NAME_WORD} ){1,4}${US_TYPE}(?: (?:NW|NE|SW|SE|N|S|E|W)(?![\p{L}\d]))?(?![\p{L}\d'’])`,
  'gu',
);
// Joined ("Hauptstraße") or hyphenated ("Karl-Marx-Allee") street words.
const GERMAN_SUFFIX = '(?:straße|strasse|str\\.|weg|gasse|platz|allee|damm|ufer|chaussee|-Straße|-Strasse|-Str\\.|-Weg|-Gasse|-Platz|-Allee|-Damm|-Ufer)';
const GERMAN_WORD = '(?:Straße|Strasse|Str\\.|Weg|Gasse|Platz|Allee|Damm|Ufer|Chaussee)';
const GERMAN_ADDRESS = new RegExp(
  String.raw`(?<![\p{L}\d])(?:\p{Lu}[\p{L}\-]{1,30}${GERMAN_SUFFIX}|(?:\p{Lu}[\p{L}\-]{1,30} ){1,2}${GERMAN_WORD}) \d{1,4}(?: ?[a-z](?![\p{L}]))?(?:-\d{1,4})?(?![\p{L}\d])`,
  'gu',
);
/**
 * A cheap search for the German street word followed by a house number. The full pattern costs
 * ~40 ns per capitalised word of any text (a Unicode-class scan per word), so it only runs in a
 * small window around each hint: German addresses are rare, capitalised words are not.
 */
const GERMAN_HINT = /(?:stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|damm|ufer|chaussee) \d/gi;
const GERMAN_REACH = 72;
const FRENCH_TYPE = '(?:[Rr]ue|[Aa]venue|av\\.|[Bb]oulevard|bd|[Pp]lace|[Cc]hemin|[Ii]mpasse|[Aa]llée|[Qq]uai|[Rr]oute|[Cc]ours)';
const FRENCH_PARTICLE = String.raw`(?:(?:de la|de|du|des|la|le|les) |(?:de )?[dl]['’])`;
const FRENCH_NAME = String.raw`\p{Lu}[\p{L}'’\-]{1,30}`;
const FRENCH_ADDRESS = new RegExp(
  String.raw`(?<![\p{L}\d.,/:\-])\d{1,4}(?: ?(?:bis|ter))?,? ${FRENCH_TYPE} ${FRENCH_PARTICLE}?${FRENCH_NAME}(?: ${FRENCH_PARTICLE}?${FRENCH_NAME}){0,3}`,
  'gu',
);
const SOUTHERN_ADDRESS = new RegExp(
  String.raw`(?<![\p{L}])(?:Via|Viale|Piazza|Corso|Calle|Avenida|Rua|Paseo|Plaza) (?:(?:de|del|della|di|la|las|los|da|do|dos) ){0,2}\p{Lu}[\p{L}'’\-]{1,30}(?: \p{Lu}[\p{L}'’\-]{1,30}){0,2},? \d{1,4}[a-z]?(?![\p{L}\d])`,
  'gu',
);
/** "the 2 Factor Way", "top 10 Places", "chapter 12 Main Street": a count or numbering, not a house number. */
const PROSE_BEFORE_NUMBER = /\b(?:the|top|these|those|best|first|last|next|over|under|about|chapter|page|section|step|figure|table|line|episode|season|volume|level|grade|room|floor|gate|platform)\s$/i;
const ADDRESS_CUE = /\baddress\b|\blives? at\b|\bliving at\b|\bresid(?:es|ence|ing)\b|\bship(?:ping)? to\b|\bdeliver(?:y)? to\b|\bmailing\b|\blocated at\b|\bhome\b|\badresse\b|\bwohnhaft\b|\bdomicile\b|\bdirección\b|\bindirizzo\b/i;

/** Creates the detector for `STREET_ADDRESS`. */
export function createStreetAddressDetector(): Detector {
  const name = 'street-address';
  return {
    name,
    entityTypes: ['STREET_ADDRESS'],
    detect(text: string): DetectedEntity[] {
      const found: DetectedEntity[] = [];
      const report = (start: number, end: number, form: string): void => {
        if (PROSE_BEFORE_NUMBER.test(textBefore(text, start, 12))) return;
        const cue = ADDRESS_CUE.test(textBefore(text, start, 40));
        const reason = `street address (${form})${cue ? ' beside an address cue' : ''}`;
        found.push({ type: 'STREET_ADDRESS', start, end, score: cue ? 0.85 : 0.7, reason, detector: name });
      };
      for (const [pattern, form] of [
        [US_ADDRESS, 'number, street name and street type'],
        [FRENCH_ADDRESS, 'French house number and street'],
        [SOUTHERN_ADDRESS, 'Italian/Spanish/Portuguese street and house number'],
      ] as const) {
        forEachMatch(text, pattern, (match) => report(match.index, match.index + match[0].length, form));
      }
      for (const [start, end] of germanAddresses(text)) report(start, end, 'German street name and house number');
      // Patterns may overlap ("12 Rue Royale" is French and US-shaped); keep the earliest, longest.
      found.sort((left, right) => left.start - right.start || right.end - left.end);
      const kept: DetectedEntity[] = [];
      for (const entity of found) {
        if (kept.length === 0 || entity.start >= kept[kept.length - 1]!.end) kept.push(entity);
      }
      return kept;
    },
  };
}

/** German addresses: the full pattern, run only in a window around each hint (see GERMAN_HINT). */
function germanAddresses(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let searchedTo = 0;
  forEachMatch(text, GERMAN_HINT, (hint) => {
    const from = Math.max(searchedTo, hint.index - GERMAN_REACH);
    const window = text.slice(from, Math.min(text.length, hint.index + hint[0].length + 16));
    forEachMatch(window, GERMAN_ADDRESS, (match) => {
      const start = from + match.index;
      // The window may begin inside a word, which the pattern's lookbehind cannot see.
      if (start > 0 && /[\p{L}\d]/u.test(text[start - 1]!)) return;
      spans.push([start, start + match[0].length]);
      searchedTo = start + match[0].length;
    });
  });
  return spans;
}

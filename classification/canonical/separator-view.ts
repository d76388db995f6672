/**
 * The separator view for numeric detectors: any run of separators between the groups of a number
 * (underscores, commas, newlines, double spaces, " - ", "|") becomes one space, a form every numeric
 * detector reads; a single space, dash, dot or slash is kept, because detectors read those natively
 * and they tell dates and versions from phone numbers. A number written with a separator after
 * every digit ("4 1 1 1 1 1 ...", "5.3.6.2.2...") is joined into one digit run.
 */
import { MappedTextBuilder, stackedViews, type BuiltText, type MappedText } from './mapped-text.js';
import { forEachMatch } from '../regex-matches.js';

/*
 * A separator run of 1-4 characters with a letter or digit on each side and a digit on at least
 * one side, other than a single space, dash, dot or slash (kept as they are, see above; not matching
 * them spares a match object for nearly every number in a text). The look-arounds are single
 * characters and the run is bounded, so matching is linear.
 */
const RUN = String.raw`(?:[\s.,;:_/\\|·•'*~-]{2,4}|[^\S ]|[,;:_\\|·•'*~])`;
const SEPARATOR_RUN = new RegExp(String.raw`(?<=[\d)])${RUN}(?=[A-Za-z0-9(])|(?<=[A-Za-z])${RUN}(?=\d)`, 'g');
/**
 * Five or more single characters, one separator apart: one number written a character at a time
 * ("4 1 1 1 ...", "G B 8 2 W E S T ..."); joined only when it holds at least four digits.
 */
const SPACED_DIGITS = /(?<![A-Za-z0-9])[A-Za-z0-9](?:[ ./-][A-Za-z0-9]){4,}(?![A-Za-z0-9])/g;
const MIN_JOINED_DIGITS = 4;

/** The view, or undefined when it would equal the source text. */
export function separatorView(source: MappedText): BuiltText | undefined {
  // Numeric detectors find nothing in a text without digits (most prose): no view needed.
  if (!/\d/.test(source.text)) return undefined;
  const spaced = replaceAll(source, SEPARATOR_RUN, () => ' ');
  const joined = replaceAll(spaced ?? source, SPACED_DIGITS, (run) => ((run.match(/\d/g)?.length ?? 0) >= MIN_JOINED_DIGITS ? run.replace(/[^A-Za-z0-9]/g, '') : undefined), true);
  // Two passes: the first pass's changes count too.
  return stackedViews(spaced, joined);
}

/**
 * Applies `replace` to every match (undefined keeps a match as is). With `perCharacter`, a
 * replacement keeps each kept character mapped to its own source character.
 */
function replaceAll(source: MappedText, pattern: RegExp, replace: (match: string) => string | undefined, perCharacter = false): BuiltText | undefined {
  const { text } = source;
  let builder: MappedTextBuilder | undefined;
  let copiedTo = 0;
  forEachMatch(text, pattern, (match) => {
    const replacement = replace(match[0]);
    if (replacement === undefined || replacement === match[0]) return;
    builder ??= new MappedTextBuilder();
    builder.copy(text, copiedTo, match.index);
    if (perCharacter) {
      // Only separators are dropped: copy each letter and digit so spans stay exact.
      const outputStart = builder.outputLength;
      for (let index = match.index; index < match.index + match[0].length; index++) {
        if (/[A-Za-z0-9]/.test(text[index]!)) builder.copy(text, index, index + 1);
      }
      builder.markChanged(outputStart, builder.outputLength);
    } else builder.append(replacement, match.index, match.index + match[0].length);
    copiedTo = match.index + match[0].length;
  });
  if (builder === undefined) return undefined;
  builder.copy(text, copiedTo, text.length);
  return builder.build(source.toOriginal);
}

/**
 * Numbers spelled out digit by digit ("four one one one, one one one one ...", "five three six
 * dash two two ...") read as digits: a view in which each digit word of such a run becomes its
 * digit. Only runs with several digit words change, so "one of two options" stays prose.
 */
import { MappedTextBuilder, type BuiltText, type MappedText } from './mapped-text.js';
import { forEachMatch } from '../regex-matches.js';

const DIGIT_WORDS: Readonly<Record<string, string>> = {
  zero: '0', oh: '0', nought: '0', nil: '0', one: '1', two: '2', three: '3', four: '4', five: '5',
  six: '6', seven: '7', eight: '8', nine: '9', plus: '+',
};
const WORD = '(?:zero|oh|nought|nil|one|two|three|four|five|six|seven|eight|nine|plus)';
/*
 * A run of digit words or digit groups joined by short separators. Tokens and separators are
 * disjoint character sets and each repetition consumes a token, so matching is linear.
 */
const RUN = new RegExp(`\\b(?:${WORD}|\\d+)(?:(?:[\\s,.;:/_-]{1,3}|\\s(?:and|dash|then)\\s)(?:${WORD}|\\d+))+\\b`, 'gi');
const WORD_PATTERN = new RegExp(`\\b${WORD}\\b`, 'gi');
/** Fewest digit words that make a run a spelled-out number. */
const MIN_DIGIT_WORDS = 4;
/** Counts digit words anywhere (its own instance: `exec` moves `lastIndex`). */
const ANY_DIGIT_WORD = new RegExp(WORD_PATTERN.source, 'gi');

/** The view with spelled-out digit runs as digits, or undefined when the text has none. */
export function numberWordsView(source: MappedText): BuiltText | undefined {
  const { text } = source;
  // A text with fewer digit words in all (most prose) has no run of them: skip the run scan.
  ANY_DIGIT_WORD.lastIndex = 0;
  let digitWords = 0;
  while (digitWords < MIN_DIGIT_WORDS && ANY_DIGIT_WORD.exec(text) !== null) digitWords += 1;
  if (digitWords < MIN_DIGIT_WORDS) return undefined;
  let builder: MappedTextBuilder | undefined;
  let copiedTo = 0;
  forEachMatch(text, RUN, (run) => {
    const words: RegExpExecArray[] = [];
    forEachMatch(run[0], WORD_PATTERN, (word) => words.push(word));
    if (words.length < MIN_DIGIT_WORDS) return;
    const view = (builder ??= new MappedTextBuilder());
    for (const word of words) {
      const start = run.index + word.index;
      view.copy(text, copiedTo, start);
      view.append(DIGIT_WORDS[word[0].toLowerCase()]!, start, start + word[0].length);
      copiedTo = start + word[0].length;
    }
  });
  if (builder === undefined) return undefined;
  builder.copy(text, copiedTo, text.length);
  return builder.build(source.toOriginal);
}

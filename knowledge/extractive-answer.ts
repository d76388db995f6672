/**
 * An offline answerer: picks the sentences of the retrieved passages that best cover the question
 * and cites them. Its confidence combines how much of the question the chosen sentences cover
 * (IDF-weighted) with how well the passage was retrieved, so a weak match yields a low confidence
 * and the workflow escalates. Pure.
 */
import type { ContextPassage } from './context-message.js';
import { contentTerms } from './text-terms.js';

/** An extracted answer. */
export interface ExtractiveAnswer {
  text: string;
  /** 0..1. */
  confidence: number;
  /** 1-based passage numbers cited. */
  citations: number[];
}

interface Sentence {
  passage: number;
  position: number;
  text: string;
  terms: Set<string>;
}

const maxSentences = 3;
// Retrieval scores of clearly relevant chunks sit around 0.4–0.6 (hybrid blend); 0.5 counts as full marks.
const fullRetrievalScore = 0.5;

/** Answers `question` from `passages` (best first), or says it cannot. */
export function answerFromPassages(question: string, passages: readonly ContextPassage[]): ExtractiveAnswer {
  const questionTerms = [...new Set(contentTerms(question))];
  // A sentence is scored with the heading it sits under: "## Limits" tells what "3,000 euros" is.
  const sentences: Sentence[] = passages.flatMap((passage, index) =>
    splitSentences(passage.text).map(({ text, heading }, position) => ({ passage: index + 1, position, text, terms: new Set([...contentTerms(text), ...contentTerms(heading)]) })),
  );
  if (questionTerms.length === 0 || sentences.length === 0) return unknown(passages.length === 0 ? 'No passages were retrieved for this question.' : 'The question has no words to look for in the passages.');

  // Rarer question words (across these sentences) say more about which sentence answers.
  const weight = new Map(questionTerms.map((term) => [term, Math.log(1 + (sentences.length + 0.5) / (sentences.filter((sentence) => sentence.terms.has(term)).length + 0.5))]));
  const totalWeight = [...weight.values()].reduce((sum, value) => sum + value, 0);
  const coverage = (terms: Iterable<string>): number => {
    let sum = 0;
    for (const term of new Set(terms)) sum += weight.get(term) ?? 0;
    return sum / totalWeight;
  };
  const scored = sentences
    .map((sentence) => ({ sentence, score: 0.75 * coverage(sentence.terms) + 0.25 * Math.min(1, passages[sentence.passage - 1]!.score / fullRetrievalScore) }))
    .sort((a, b) => b.score - a.score || a.sentence.passage - b.sentence.passage || a.sentence.position - b.sentence.position);
  const best = scored[0]!;
  if (coverage(best.sentence.terms) === 0) return unknown('The passages do not mention what the question asks about.', 0.05);

  const chosen = [best.sentence];
  for (const { sentence, score } of scored.slice(1)) {
    if (chosen.length >= maxSentences || score < 0.8 * best.score) break;
    // A second sentence must add a question word the first ones miss, or continue the best one.
    const adds = [...sentence.terms].some((term) => weight.has(term) && !chosen.some((picked) => picked.terms.has(term)));
    const continues = sentence.passage === best.sentence.passage && sentence.position === best.sentence.position + 1;
    if (adds || continues) chosen.push(sentence);
  }
  chosen.sort((a, b) => a.passage - b.passage || a.position - b.position);

  const chosenTerms = new Set(chosen.flatMap((sentence) => [...sentence.terms]));
  const matched = questionTerms.filter((term) => chosenTerms.has(term)).length;
  // One shared word out of several is how coincidences look ("dress code" vs "MFA codes"): halve it.
  const evidence = coverage(chosenTerms) * (matched < 2 && questionTerms.length >= 2 ? 0.5 : 1);
  const retrieval = Math.min(1, Math.max(0, passages[best.sentence.passage - 1]!.score) / fullRetrievalScore);
  const confidence = round(Math.min(1, 0.7 * evidence + 0.3 * retrieval));
  const citations = [...new Set(chosen.map((sentence) => sentence.passage))];
  const body = chosen.map((sentence) => `${sentence.text} [${sentence.passage}]`).join(' ');
  const sources = citations.map((number) => {
    const { title, source } = passages[number - 1]!;
    return `[${number}] ${title ? `${title} (${source})` : source}`;
  });
  return { text: `${body}\n\nSources: ${sources.join('; ')}`, confidence, citations };
}

/** Sentences of a passage with the heading they sit under; hard-wrapped lines (PDF, text) are rejoined first. */
export function splitSentences(text: string): Array<{ text: string; heading: string }> {
  const sentences: Array<{ text: string; heading: string }> = [];
  let heading = '';
  let paragraph = '';
  const flush = (): void => {
    for (const sentence of paragraph.split(/(?<=[.!?])\s+(?=[A-Z0-9"'(])/)) {
      if (sentence.trim().split(/\s+/).length >= 3) sentences.push({ text: sentence.trim(), heading });
    }
    paragraph = '';
  };
  for (const line of text.split('\n')) {
    const headingMatch = /^\s*#+\s*(.*)$/.exec(line);
    const listItem = /^\s*(?:[-*+]|\d+\.)\s+(.*)$/.exec(line);
    if (headingMatch || listItem || line.trim() === '') flush();
    if (headingMatch) heading = headingMatch[1]!;
    else if (listItem) {
      paragraph = listItem[1]!;
      flush();
    } else if (line.trim() !== '') paragraph = paragraph ? `${paragraph} ${line.trim()}` : line.trim();
  }
  flush();
  return sentences;
}

function unknown(reason: string, confidence = 0): ExtractiveAnswer {
  return { text: `I don't know: ${reason}`, confidence, citations: [] };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

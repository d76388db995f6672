/** The labelled question set over knowledge/samples and recall@k over a knowledge store. */
import { readFileSync } from 'node:fs';
import type { RetrievedChunk } from '../../knowledge/collection-types.js';
import type { Scoring } from '../../knowledge/hybrid-scoring.js';
import type { KnowledgeStore } from '../../knowledge/knowledge-store.js';

/** One labelled question: the file that answers it and a phrase of the answering chunk. */
export interface LabelledQuestion {
  id: string;
  question: string;
  /** Path under knowledge/samples. */
  source: string;
  answer: string;
}

/** Recall of one configuration. */
export interface RecallResult {
  scoring: Scoring;
  recallAt1: number;
  recallAt5: number;
  /** Questions whose answer was not in the top 5. */
  misses: string[];
}

/** The question set. */
export function loadQuestions(file = 'test/knowledge/questions.jsonl'): LabelledQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledQuestion);
}

/** Whether a retrieved chunk answers a question: right file, and it holds the answer phrase. */
export function answers(chunk: RetrievedChunk, question: LabelledQuestion): boolean {
  return chunk.source.endsWith(question.source) && chunk.text.includes(question.answer);
}

/** recall@1 and recall@5 of a store for the questions (callers may see every chunk). */
export async function measureRecall(store: KnowledgeStore, questions: readonly LabelledQuestion[], scoring: Scoring, accessGroups: string[] = []): Promise<RecallResult> {
  let at1 = 0;
  let at5 = 0;
  const misses: string[] = [];
  for (const question of questions) {
    const hits = await store.search({ query: question.question, topK: 5, scoring, accessGroups });
    const rank = hits.findIndex((hit) => answers(hit, question));
    if (rank === 0) at1++;
    if (rank >= 0) at5++;
    else misses.push(question.id);
  }
  return { scoring, recallAt1: at1 / questions.length, recallAt5: at5 / questions.length, misses };
}

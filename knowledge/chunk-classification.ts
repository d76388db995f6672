/**
 * The data class of each chunk, from the Classifier interface and the policy. Each chunk is
 * classified with a margin of document text on both sides, and an entity counts for a chunk when
 * its span overlaps the chunk: an IBAN cut in half by a chunk boundary still marks both halves.
 * Confidential topics of the window count too. A classifier failure fails closed (the policy's
 * fail-closed class).
 */
import { classifyByPolicy } from '../routing/data-classes.js';
import type { TextChunk } from './chunker.js';
import type { ClassificationContext } from './cloud-embedding-guard.js';

/** A chunk's class. */
export interface ChunkClass {
  dataClass: string;
  sensitive: boolean;
  entityTypes: string[];
  failed: boolean;
}

// Longer than any structured identifier the detectors know (IBAN: 34 characters, plus spacing).
const margin = 64;

/** Classes of `chunks` of `document`, in order. */
export async function classifyChunks(document: string, chunks: readonly TextChunk[], context: ClassificationContext): Promise<ChunkClass[]> {
  const classes: ChunkClass[] = [];
  for (const chunk of chunks) {
    const windowStart = chunk.start < 0 ? 0 : Math.max(0, chunk.start - margin);
    const window = chunk.start < 0 ? chunk.text : document.slice(windowStart, Math.min(document.length, chunk.end + margin));
    const output = await context.classifier.classify(window);
    const types = new Set<string>();
    for (const entity of output.entities) {
      const overlaps = chunk.start < 0 || (windowStart + entity.start < chunk.end && windowStart + entity.end > chunk.start);
      if (overlaps) types.add(entity.type);
    }
    const entityTypes = [...types].sort();
    // Topics count as they do in the cloud re-check (verdictOf), so ingest and re-check agree.
    const topics = (output.topics ?? []).map((topic) => topic.topic);
    const verdict = classifyByPolicy(context.policy, entityTypes, output.failure, topics);
    classes.push({ dataClass: verdict.dataClass, sensitive: verdict.sensitive, entityTypes, failed: output.failure !== undefined });
  }
  return classes;
}

/**
 * The one prompt format for retrieved knowledge: the workflow puts retrieved chunks into a system
 * message with `formatContextMessage`, every model reads it as plain instructions plus numbered
 * passages, and the extractive backend parses it back with `parseContextMessage`. Pure: safe in
 * workflow code (no Node built-ins).
 */

/** A passage as the prompt carries it (a RetrievedChunk has all of these). */
export interface ContextPassage {
  id: string;
  source: string;
  title?: string;
  text: string;
  /** Retrieval score, 0..1. */
  score: number;
}

/** The instruction line that opens every context message. */
export const contextInstruction =
  'Answer the question using only the numbered passages below. Cite the passages you use by number, like [1]. If the passages do not contain the answer, say that you do not know.';

/** The system-message text for retrieved chunks, best first; numbering starts at 1. */
export function formatContextMessage(chunks: readonly ContextPassage[]): string {
  const passages = chunks.map((chunk, index) => {
    const attributes = [`n="${index + 1}"`, `id="${attribute(chunk.id)}"`, `source="${attribute(chunk.source)}"`];
    if (chunk.title) attributes.push(`title="${attribute(chunk.title)}"`);
    attributes.push(`score="${chunk.score.toFixed(4)}"`);
    // A passage must not be able to close its own tag and smuggle text out of it.
    return `<passage ${attributes.join(' ')}>\n${chunk.text.replace(/<\/passage/gi, '< /passage')}\n</passage>`;
  });
  return `${contextInstruction}\n\n${passages.length === 0 ? '(no passages were found)' : passages.join('\n\n')}`;
}

/** The passages of a context message, or undefined when `content` is not one. */
export function parseContextMessage(content: string): ContextPassage[] | undefined {
  if (!content.startsWith(contextInstruction)) return undefined;
  const passages: ContextPassage[] = [];
  for (const match of content.matchAll(/<passage ([^>]*)>\n([\s\S]*?)\n<\/passage>/g)) {
    const attributes = Object.fromEntries([...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key!, unattribute(value!)]));
    passages.push({
      id: attributes.id ?? '',
      source: attributes.source ?? '',
      ...(attributes.title ? { title: attributes.title } : {}),
      text: match[2]!,
      score: Number(attributes.score ?? 0) || 0,
    });
  }
  return passages;
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, ' ');
}

function unattribute(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

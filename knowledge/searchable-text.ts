/** The text that is embedded and indexed for a chunk: its document title gives a short chunk its topic. */
export function searchableText(chunk: { title?: string; text: string }): string {
  return chunk.title ? `${chunk.title}\n${chunk.text}` : chunk.text;
}

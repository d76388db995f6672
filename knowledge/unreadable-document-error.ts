/** A file that cannot be ingested as it is (binary, not UTF-8, no text); ingest skips it with a warning naming it. */
export class UnreadableDocumentError extends Error {
  override readonly name = 'UnreadableDocumentError';
}

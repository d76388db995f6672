/** Puts the original values back into a model's answer written over redacted text. Pure. */
import { findPlaceholders } from './placeholder-grammar.js';
import { REDACTION_MAPPING_VERSION, type RedactionEntry, type RedactionMapping } from './redaction-mapping.js';

/** What {@link restore} did to an answer. */
export interface RestoreResult {
  /** The answer with every recognised placeholder replaced by its original value. */
  text: string;
  /** How many placeholder occurrences were replaced. */
  restored: number;
  /**
   * Bracketed placeholders of a known entity type that are not in the mapping (invented by the
   * model, or a literal one from the prompt), as written, first appearance first; left untouched.
   */
  unknownPlaceholders: string[];
}

/**
 * Restores an answer: the n-th occurrence of a placeholder gets the n-th original occurrence's
 * text (the first one once those run out), so restoring the redacted text itself is exact.
 * Accepts the variants described in placeholder-grammar.ts.
 */
export function restore(answer: string, mapping: RedactionMapping): RestoreResult {
  if (mapping.version !== REDACTION_MAPPING_VERSION) {
    throw new TypeError(`restore: unsupported redaction mapping version ${String(mapping.version)}`);
  }
  const entries = new Map<string, RedactionEntry>();
  for (const entry of mapping.entries) {
    // The grammar, not string surgery, decides the key, so writer and reader cannot drift apart.
    const [own] = findPlaceholders(entry.placeholder);
    if (own === undefined || own.written !== entry.placeholder) {
      throw new TypeError(`restore: mapping entry "${entry.placeholder}" is not a placeholder`);
    }
    entries.set(own.key, entry);
  }
  const used = new Map<string, number>();
  const unknown = new Set<string>();
  let text = '';
  let cursor = 0;
  let restored = 0;
  // Single pass over the answer: restored values are never rescanned, even if they look like placeholders.
  for (const match of findPlaceholders(answer)) {
    const entry = entries.get(match.key);
    if (entry === undefined) {
      if (!match.bare && match.knownType) unknown.add(match.written);
      continue;
    }
    const occurrence = used.get(match.key) ?? 0;
    used.set(match.key, occurrence + 1);
    text += answer.slice(cursor, match.start) + (entry.values[occurrence] ?? entry.values[0] ?? '');
    cursor = match.end;
    restored += 1;
  }
  return { text: text + answer.slice(cursor), restored, unknownPlaceholders: [...unknown] };
}

/** Turns a file's bytes into plain text and a title, per format; binary or garbled input is refused. */
import { basename, extname } from 'node:path';
import { convert } from 'html-to-text';
import type { DocumentFormat } from './file-scanner.js';
import { extractPdfText } from './pdf-text.js';
import { UnreadableDocumentError } from './unreadable-document-error.js';

/** A parsed document. */
export interface ParsedDocument {
  title: string;
  text: string;
}

/** Parses one file's bytes. Throws UnreadableDocumentError for input to skip. */
export async function parseDocument(bytes: Uint8Array, format: DocumentFormat, path: string): Promise<ParsedDocument> {
  const fallbackTitle = basename(path, extname(path));
  if (format === 'pdf') {
    const pdf = await extractPdfText(bytes);
    return finish(pdf.title ?? fallbackTitle, pdf.text);
  }
  const source = decodeText(bytes);
  if (format === 'html') {
    const text = convert(source, {
      wordwrap: false,
      selectors: [
        { selector: 'a', options: { ignoreHref: true } },
        { selector: 'img', format: 'skip' },
        { selector: 'h1', options: { uppercase: false } },
        { selector: 'h2', options: { uppercase: false } },
        { selector: 'h3', options: { uppercase: false } },
      ],
    });
    const title = /<title[^>]*>([^<]+)<\/title>/i.exec(source)?.[1] ?? /<h1[^>]*>([^<]+)<\/h1>/i.exec(source)?.[1];
    return finish(title?.trim() || fallbackTitle, text);
  }
  if (format === 'markdown') return finish(/^#\s+(.+?)\s*#*\s*$/m.exec(source)?.[1] ?? fallbackTitle, source);
  return finish(fallbackTitle, source);
}

function finish(title: string, text: string): ParsedDocument {
  const trimmed = text.replace(/\r\n?/g, '\n').trim();
  if (trimmed === '') throw new UnreadableDocumentError('no text in it');
  return { title: title.replace(/\s+/g, ' ').trim(), text: trimmed };
}

/** UTF-8 text or an UnreadableDocumentError: NUL bytes or invalid UTF-8 mean a binary file. */
function decodeText(bytes: Uint8Array): string {
  if (bytes.subarray(0, 8192).includes(0)) throw new UnreadableDocumentError('binary content (NUL bytes)');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UnreadableDocumentError('not valid UTF-8 text (binary?)');
  }
}

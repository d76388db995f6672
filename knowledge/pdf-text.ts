/** Text of a PDF, extracted locally with Mozilla's pdf.js (no network, no native code). */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { UnreadableDocumentError } from './unreadable-document-error.js';

/** The text (pages separated by blank lines) and the PDF's own title, if it has one. */
export async function extractPdfText(bytes: Uint8Array): Promise<{ text: string; title?: string }> {
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  let document;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy();
    throw new UnreadableDocumentError(`not a readable PDF (${(error as Error).message})`);
  }
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const content = await (await document.getPage(number)).getTextContent();
      let page = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        page += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(page.trim());
    }
    const text = pages.filter(Boolean).join('\n\n');
    if (text === '') throw new UnreadableDocumentError('a PDF without extractable text (scanned images?)');
    const info = (await document.getMetadata().catch(() => undefined))?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' && info.Title.trim() !== '' ? info.Title.trim() : undefined;
    return { text, ...(title ? { title } : {}) };
  } finally {
    await document.destroy();
  }
}

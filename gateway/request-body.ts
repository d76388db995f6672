/** Reads a request body as strict UTF-8 JSON: invalid UTF-8 or JSON is a 400, never a 500. */
import type { Context } from 'hono';
import { invalidRequest } from './gateway-error.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The parsed JSON body of the request. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw invalidRequest('The request body is not valid UTF-8.', null, 'invalid_utf8');
  }
  if (text.trim() === '') throw invalidRequest('The request body is empty; expected a JSON object.', null, 'invalid_json');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalidRequest(`We could not parse the JSON body of your request: ${(error as Error).message}`, null, 'invalid_json');
  }
}

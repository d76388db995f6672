import { describe, expect, it } from 'vitest';
import { segmentsWorthTagging } from '../../../classification/named-entities/text-segments.js';

describe('segments worth tagging', () => {
  it('skips sentences with no capitalised word besides a common sentence starter', () => {
    const text = 'The server is down. it restarted at 3 am.\nI think so. Ask Priya about it.';
    expect(segmentsWorthTagging(text).map((segment) => segment.text.trim())).toEqual(['Ask Priya about it.']);
  });

  it('keeps a lower-case sentence with a self-introduction', () => {
    expect(segmentsWorthTagging('ok. my name is maria lopez').map((segment) => segment.text)).toEqual([' my name is maria lopez']);
  });

  it('does not cut after a title or an initial', () => {
    const text = 'Please call Dr. Patel or J. Smith today.';
    expect(segmentsWorthTagging(text)).toEqual([{ start: 0, text }]);
  });

  it('returns slices of the original text, each at most the chunk size', () => {
    const text = 'Hans Müller met Zhang Wei in Berlin. '.repeat(200);
    const segments = segmentsWorthTagging(text, 500);
    for (const segment of segments) {
      expect(segment.text.length).toBeLessThanOrEqual(500);
      expect(text.slice(segment.start, segment.start + segment.text.length)).toBe(segment.text);
    }
    // Only the final space (no capital, so not worth tagging) is left out.
    expect(segments.map((segment) => segment.text).join('')).toBe(text.trimEnd());
  });

  it('cuts a long run without white space hard instead of scanning back through it', () => {
    const text = 'X'.repeat(10_000);
    const segments = segmentsWorthTagging(text, 1_000);
    expect(segments).toHaveLength(10);
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
  });
});

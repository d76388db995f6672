import { describe, expect, it } from 'vitest';
import { createJwtDetector } from '../../../classification/detectors/jwt-detector.js';
import { matchedTexts, SAMPLE_JWT } from '../detector-fixtures.js';

const detector = createJwtDetector();
const base64url = (value: string): string => Buffer.from(value).toString('base64url');

describe('JWT detector', () => {
  it('finds a JWT after "Bearer" and names its algorithm', () => {
    const text = `Authorization: Bearer ${SAMPLE_JWT}`;
    const [entity] = detector.detect(text);
    expect(text.slice(entity!.start, entity!.end)).toBe(SAMPLE_JWT);
    expect(entity!.reason).toContain('HS256');
  });

  it('finds an unsigned JWT (alg none, empty signature)', () => {
    const token = `${base64url('{"alg":"none"}')}.${base64url('{"sub":"1"}')}.`;
    expect(matchedTexts(detector, `token ${token} end`)).toEqual([token]);
  });

  it.each([
    ['a single base64 part', base64url('{"alg":"HS256"}')],
    ['a header without "alg"', `${base64url('{"typ":"JWT"}')}.${base64url('{"sub":"1"}')}.sig`],
    ['a header that is not JSON', `eyJub3QganNvbg.${base64url('{"sub":"1"}')}.sig`],
    ['a token glued to a longer word', `x${SAMPLE_JWT}`],
  ])('rejects %s', (_label, text) => {
    expect(detector.detect(text)).toEqual([]);
  });
});

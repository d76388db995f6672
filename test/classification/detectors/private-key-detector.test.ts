import { describe, expect, it } from 'vitest';
import { createPrivateKeyDetector } from '../../../classification/detectors/private-key-detector.js';
import { matchedTexts, SAMPLE_PEM } from '../detector-fixtures.js';

const detector = createPrivateKeyDetector();
const PRIVATE = 'PRIVATE';

describe('private key detector', () => {
  it('spans the whole PEM block, BEGIN to END marker', () => {
    expect(matchedTexts(detector, `key:\n${SAMPLE_PEM}\nbye`)).toEqual([SAMPLE_PEM]);
  });

  it.each(['', 'EC ', 'OPENSSH ', 'ENCRYPTED ', 'DSA '])('finds a "%sPRIVATE KEY" block', (kind) => {
    const block = `-----BEGIN ${kind}${PRIVATE} KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n-----END ${kind}${PRIVATE} KEY-----`;
    expect(matchedTexts(detector, block)).toEqual([block]);
  });

  it('finds a PGP private key block', () => {
    const block = `-----BEGIN PGP ${PRIVATE} KEY BLOCK-----\nlQOYBF0abcdEFGHijklMNOPqrstUVWXyz0123456789\n-----END PGP ${PRIVATE} KEY BLOCK-----`;
    expect(matchedTexts(detector, block)).toEqual([block]);
  });

  it('finds a key pasted on one line', () => {
    const block = `-----BEGIN ${PRIVATE} KEY----- MIIEvQIBADANBgkqhkiG9w0BAQEFAASC -----END ${PRIVATE} KEY-----`;
    expect(matchedTexts(detector, `here: ${block} ok`)).toEqual([block]);
  });

  it('spans a truncated block up to the end of its base64 body, at a lower score', () => {
    const header = `-----BEGIN ${PRIVATE} KEY-----`;
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj';
    const text = `${header}\n${body}\nand then the paste was cut`;
    const [entity, ...rest] = detector.detect(text);
    expect(rest).toEqual([]);
    expect(text.slice(entity!.start, entity!.end)).toBe(`${header}\n${body}`);
    expect(entity!.score).toBeLessThan(1);
  });

  it('pairs each BEGIN with its own END when two keys follow each other', () => {
    const second = SAMPLE_PEM.replaceAll('RSA', 'EC');
    expect(matchedTexts(detector, `${SAMPLE_PEM}\n\n${second}`)).toEqual([SAMPLE_PEM, second]);
  });

  it.each([
    ['a public key', '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----'],
    ['a certificate', '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUF\n-----END CERTIFICATE-----'],
    ['prose about private keys', 'Never paste a private key into a chat window.'],
  ])('ignores %s', (_label, text) => {
    expect(detector.detect(text)).toEqual([]);
  });
});

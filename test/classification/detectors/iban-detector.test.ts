import { describe, expect, it } from 'vitest';
import { createIbanDetector } from '../../../classification/detectors/iban-detector.js';
import { matchedTexts } from '../detector-fixtures.js';

const detector = createIbanDetector();

describe('IBAN detector', () => {
  it.each([
    ['DE, plain', 'DE89370400440532013000'],
    ['DE, spaced', 'DE89 3704 0044 0532 0130 00'],
    ['GB with bank letters', 'GB82WEST12345698765432'],
    ['FR with a letter in the account', 'FR14 2004 1010 0505 0001 3M02 606'],
    ['NL', 'NL91ABNA0417164300'],
    ['CH', 'CH93 0076 2011 6238 5295 7'],
  ])('finds a valid %s IBAN with an exact span', (_label, iban) => {
    expect(matchedTexts(detector, `IBAN: ${iban}, thanks`)).toEqual([iban]);
  });

  it('finds an IBAN typed in lower case, up to where it ends', () => {
    expect(matchedTexts(detector, 'mine is gb82 west 1234 5698 7654 32 ok thanks')).toEqual(['gb82 west 1234 5698 7654 32']);
  });

  it('stops at the end of the IBAN when upper-case words follow', () => {
    expect(matchedTexts(detector, 'DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX')).toEqual(['DE89 3704 0044 0532 0130 00']);
  });

  it.each([
    ['a word and a number', 'Send 50 to 12 GB82 WEST 1234 5698 7654 32 today', 'GB82 WEST 1234 5698 7654 32'],
    ['a lower-case word and a number', 'ref ab 12 de89 3704 0044 0532 0130 00 ok', 'de89 3704 0044 0532 0130 00'],
    ['another country code and check digits', 'DE12 GB82 WEST 1234 5698 7654 32', 'GB82 WEST 1234 5698 7654 32'],
  ])('finds an IBAN right after %s that looked like the start of one', (_label, text, iban) => {
    // The failed start runs on over the IBAN; the scan must look again from inside it.
    expect(matchedTexts(detector, text)).toEqual([iban]);
  });

  it.each([
    ['a wrong checksum', 'DE89 3704 0044 0532 0130 01'],
    ['a wrong length for the country', 'DE89370400440532013'],
    ['an unknown country', 'ZZ89370400440532013000'],
    ['an IBAN glued to more letters', 'DE89370400440532013000ABC'],
    ['an IBAN inside a longer word', 'xDE89370400440532013000'],
    ['an upper-case sentence', 'AB12 THIS IS NOT AN IBAN AT ALL'],
  ])('rejects %s', (_label, text) => {
    expect(detector.detect(text)).toEqual([]);
  });
});

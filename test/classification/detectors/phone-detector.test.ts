import { describe, expect, it } from 'vitest';
import { getCountries, getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { createPhoneDetector } from '../../../classification/detectors/phone-detector.js';
import { matchedTexts } from '../detector-fixtures.js';

const detector = createPhoneDetector();

describe('phone detector', () => {
  it.each([
    ['US international', '+1 (415) 555-2671'],
    ['US E.164', '+14155552671'],
    ['GB international with (0)', '+44 (0)20 7946 0958'],
    ['DE international', '+49 30 901820'],
    ['FR international', '+33 6 12 34 56 78'],
    ['US national with parentheses', '(415) 555-2671'],
    ['US national dashed', '415-555-2671'],
    ['US toll-free with trunk 1', '1-800-555-0199'],
    ['GB national', '020 7946 0018'],
    ['GB mobile', '07700 900123'],
    ['DE national', '030 12345678'],
    ['DE national with slash', '030/1234567'],
    ['FR national', '01 42 68 53 00'],
    ['international with 00 prefix', '0044 20 7946 0958'],
  ])('finds a valid %s number with an exact span', (_label, phone) => {
    expect(matchedTexts(detector, `Reach me at ${phone}, thanks.`)).toEqual([phone]);
  });

  it('finds a bare digit run only when a call cue precedes it', () => {
    expect(matchedTexts(detector, 'call 4155552671 tomorrow')).toEqual(['4155552671']);
    expect(detector.detect('order 4155552671 shipped')).toEqual([]);
  });

  it('finds two numbers separated by a comma without merging them', () => {
    expect(matchedTexts(detector, '+44 20 7946 0958, 030 12345678')).toEqual(['+44 20 7946 0958', '030 12345678']);
  });

  it('drops a trailing stray group that would make the run invalid', () => {
    expect(matchedTexts(detector, 'call 020 7946 0018 2 times')).toEqual(['020 7946 0018']);
  });

  it.each([
    ['UNIX timestamp in ms', 'created 1700000000000'],
    ['UNIX timestamp in s', 'created 1700000000'],
    ['ISO date', 'on 2024-01-15 at noon'],
    ['ISO date and time', '2024-01-15 10:30'],
    ['European date', 'am 15.01.2024'],
    ['US date', 'due 01/15/2024'],
    ['ISBN-13', 'ISBN 978-3-16-148410-0'],
    ['version string', 'version 1.2.3.4'],
    ['IPv4 address', 'host 192.168.100.200'],
    ['decimal number', 'pi is 3.14159265'],
    ['UUID', '550e8400-e29b-41d4-a716-446655440000'],
    ['card number', '4111 1111 1111 1111'],
    ['SSN-formatted number', '078-05-1120'],
    ['order id', 'order #123456789012'],
    ['year', 'in 2023'],
    ['German-valid digits without the trunk 0', 'code 42 68 53 00'],
    ['a number glued to letters', 'ref020 7946 0018x'],
    ['a byte dump', '// Prints: <Buffer 01 02 03 04 05>'],
    ['a byte dump with hex letters', '<Buffer ab 90 78 56 34 12>'],
  ])('rejects %s', (_label, text) => {
    expect(detector.detect(text)).toEqual([]);
  });

  it('only accepts national formats of the configured regions', () => {
    const usOnly = createPhoneDetector({ regions: ['US'] });
    expect(matchedTexts(usOnly, '(415) 555-2671 and 020 7946 0018')).toEqual(['(415) 555-2671']);
  });

  it('throws rather than return a partial scan when the parse budget runs out', () => {
    const tight = createPhoneDetector({ maxParses: 5 });
    const text = Array.from({ length: 20 }, (_, index) => `030 12345${String(index).padStart(2, '0')}`).join(', ');
    expect(() => tight.detect(text)).toThrow(/parses/);
  });

  it('parses a repeated number once, so repetition does not spend the parse budget', () => {
    const tight = createPhoneDetector({ maxParses: 5 });
    const text = Array.from({ length: 50 }, () => '020 7946 0018').join(', ');
    expect(tight.detect(text)).toHaveLength(50);
  });
});

describe('libphonenumber-js: validity is "has a type" with full metadata (the detector reads the type only)', () => {
  // Every country's example mobile number, and the same number one digit shorter, one digit
  // longer and with its last digits rotated: valid and invalid numbers of every numbering plan.
  const numbers: { text: string; country: CountryCode }[] = [];
  for (const country of getCountries()) {
    const example = getExampleNumber(country, examples);
    if (example === undefined) continue;
    const national = example.nationalNumber as string;
    for (const variant of [national, national.slice(0, -1), `${national}7`, `${national.slice(0, -3)}${national.slice(-1)}${national.slice(-3, -1)}`]) {
      numbers.push({ text: variant, country }, { text: `+${example.countryCallingCode}${variant}`, country });
    }
  }

  it('agrees on every example and variant', () => {
    expect(numbers.length).toBeGreaterThan(1_500);
    let valid = 0;
    for (const { text, country } of numbers) {
      const number = parsePhoneNumberFromString(text, { defaultCountry: country, extract: false });
      if (number === undefined) continue;
      expect({ text, country, valid: number.isValid() }).toEqual({ text, country, valid: number.getType() !== undefined });
      if (number.isValid()) valid += 1;
    }
    // Both sides of the equivalence are exercised.
    expect(valid).toBeGreaterThan(200);
    expect(valid).toBeLessThan(numbers.length - 200);
  });
});

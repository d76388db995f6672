import { describe, expect, it } from 'vitest';
import { cardBrandOf, isLuhnValid } from '../../../classification/detectors/card-brands.js';
import { createPaymentCardDetector } from '../../../classification/detectors/payment-card-detector.js';
import { matchedTexts } from '../detector-fixtures.js';

const detector = createPaymentCardDetector();

describe('payment card detector', () => {
  it.each([
    ['Visa 16', '4111111111111111', 'Visa'],
    ['Visa 13', '4222222222222', 'Visa'],
    ['Mastercard 5-series', '5555555555554444', 'Mastercard'],
    ['Mastercard 2-series', '2223003122003222', 'Mastercard'],
    ['American Express', '378282246310005', 'American Express'],
    ['Discover', '6011111111111117', 'Discover'],
    ['Diners Club', '30569309025904', 'Diners Club'],
    ['JCB', '3530111333300000', 'JCB'],
    ['UnionPay', '6200000000000005', 'UnionPay'],
    ['Maestro', '6759649826438453', 'Maestro'],
  ])('finds a Luhn-valid %s number and names the brand', (_label, number, brand) => {
    const text = `card: ${number}.`;
    const [entity, ...rest] = detector.detect(text);
    expect(rest).toEqual([]);
    expect(text.slice(entity!.start, entity!.end)).toBe(number);
    expect(entity!.reason).toContain(brand);
  });

  it('finds spaced and dashed card numbers with the separators inside the span', () => {
    expect(matchedTexts(detector, 'a 4111 1111 1111 1111 b')).toEqual(['4111 1111 1111 1111']);
    expect(matchedTexts(detector, 'a 5555-5555-5555-4444 b')).toEqual(['5555-5555-5555-4444']);
    expect(matchedTexts(detector, 'amex 3782 822463 10005')).toEqual(['3782 822463 10005']);
  });

  it('finds cards grouped with dots, slashes or mixed separators: the grouping, not the punctuation, is the shape', () => {
    expect(matchedTexts(detector, 'My card 4111.1111.1111.1111 was charged')).toEqual(['4111.1111.1111.1111']);
    expect(matchedTexts(detector, 'a 4111/1111/1111/1111 b')).toEqual(['4111/1111/1111/1111']);
    expect(matchedTexts(detector, 'a 4111 1111-1111.1111 b')).toEqual(['4111 1111-1111.1111']);
    expect(matchedTexts(detector, 'a 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 b')).toEqual(['4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1']);
  });

  it('reports a valid card behind an id label with a lower score instead of dropping it', () => {
    for (const text of ['Order #4111111111111111 please refund', 'Invoice number 5555555555554444 is overdue']) {
      const [entity, ...rest] = detector.detect(text);
      expect(rest).toEqual([]);
      expect(entity).toMatchObject({ type: 'CREDIT_CARD', score: 0.6 });
      expect(entity!.reason).toContain('id label');
    }
  });

  it('finds a card followed by a CVV-like group without swallowing it', () => {
    expect(matchedTexts(detector, '4111 1111 1111 1111 123')).toEqual(['4111 1111 1111 1111']);
  });

  it('finds several cards in one text', () => {
    expect(matchedTexts(detector, '4111111111111111,5555555555554444')).toEqual(['4111111111111111', '5555555555554444']);
  });

  it.each([
    ['Luhn-invalid Visa', '4111 1111 1111 1112'],
    ['Luhn-valid digits with no brand', '0000 0000 0000 0000'],
    ['Visa prefix at a length Visa does not issue', '41111111111111113'],
    ['UNIX timestamp in ms', 'created 1700000000000'],
    ['ISBN-13', 'ISBN 978-3-16-148410-0'],
    ['UUID', '550e8400-e29b-41d4-a716-446655440000'],
    ['order id', 'order 100000000000000001 shipped'],
    ['card digits inside a longer digit run', '94111111111111111111'],
    ['card digits glued to letters', 'ref4111111111111111x'],
    ['decimal number', '4111111111111111.25'],
    ['card-length digits in a non-card grouping', '41 1111 1111 1111 11'],
    ['phone number', '+1 415 555 2671'],
    ['date', '2024-01-15'],
  ])('rejects %s', (_label, text) => {
    expect(detector.detect(text)).toEqual([]);
  });
});

describe('card brands and Luhn', () => {
  it('computes the Luhn checksum', () => {
    expect(isLuhnValid('79927398713')).toBe(true);
    expect(isLuhnValid('79927398710')).toBe(false);
    expect(isLuhnValid('12a4')).toBe(false);
  });

  it('checks brand length as well as prefix', () => {
    expect(cardBrandOf('5555555555554444')).toBe('Mastercard');
    // validator's isCreditCard accepts this (its Mastercard regex is unanchored); a 17-digit 55.. is not a Mastercard.
    expect(cardBrandOf('55555555555544443')).toBeUndefined();
    expect(cardBrandOf('2721000000000000')).toBeUndefined();
    expect(cardBrandOf('6221260000000000')).toBe('Discover');
  });
});

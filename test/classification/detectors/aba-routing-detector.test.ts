import { describe, expect, it } from 'vitest';
import { createAbaRoutingDetector, isValidRoutingNumber } from '../../../classification/detectors/aba-routing-detector.js';
import { matchedTexts } from '../detector-fixtures.js';

const detector = createAbaRoutingDetector();

describe('ABA routing number detector', () => {
  it.each([
    ['"routing number"', 'routing number 021000021', '021000021'],
    ['"ABA"', 'ABA: 011000015', '011000015'],
    ['"RTN"', 'RTN 121000358', '121000358'],
    ['"transit number"', 'transit number 026009593', '026009593'],
    ['the MICR 4-4-1 grouping', 'ABA 0210-0002-1', '0210-0002-1'],
    ['a cue after the number', '322271627 (routing)', '322271627'],
  ])('finds a checksum-valid number beside %s', (_label, text, expected) => {
    expect(matchedTexts(detector, text)).toEqual([expected]);
  });

  it('scores a routing cue above a mere bank cue', () => {
    const [named] = detector.detect('routing 021000021');
    const [banky] = detector.detect('my bank: 021000021');
    expect(named!.score).toBeGreaterThan(banky!.score);
  });

  it.each([
    ['a bad checksum', 'routing number 021000022'],
    ['a prefix outside the Federal Reserve ranges', 'routing number 130000005'],
    ['all zeros', 'routing number 000000000'],
    ['no bank word at all', 'batch 021000021 processed'],
    ['a checksum-valid number labelled as the account', 'Bank: Chase, account number 122105278'],
    ['a routing cue that belongs to an earlier number', 'routing 021000021, employee 011000015'],
    ['ten digits', 'routing number 0210000211'],
  ])('rejects %s', (_label, text) => {
    expect(matchedTexts(detector, text).filter((found) => found !== '021000021')).toEqual([]);
  });

  it('validates prefix and 3-7-1 checksum directly', () => {
    expect(isValidRoutingNumber('021000021')).toBe(true);
    expect(isValidRoutingNumber('800000002')).toBe(false);
    expect(isValidRoutingNumber('02100002')).toBe(false);
  });
});

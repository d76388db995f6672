import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { nationalLengthCheck } from '../../../classification/detectors/national-number-lengths.js';

/** Deterministic digits (a linear congruential generator): the same cases on every run. */
function digitStrings(count: number, seed: number): string[] {
  let state = seed;
  const next = (): number => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648);
  const prefixes = ['', '', '', '0', '1', '00', '011', '8', '180020', '0044', '01'];
  return Array.from({ length: count }, () => {
    const prefix = prefixes[next() % prefixes.length]!;
    const length = 3 + (next() % 14);
    let digits = prefix;
    // Mostly a leading 2-9, as real subscriber numbers have; sometimes anything.
    for (let index = 0; index < length; index++) digits += String(index === 0 && next() % 4 !== 0 ? 2 + (next() % 8) : next() % 10);
    return digits;
  });
}

describe('national number lengths: a shortcut that never rejects what the parser accepts', () => {
  // The detector's default regions, regions whose calling code is shared (US/CA, GB/JE), and plans
  // with other prefixes or transform rules (RU trunk 8, AR, BR, IT without a trunk prefix).
  const regions: CountryCode[] = ['US', 'CA', 'GB', 'DE', 'FR', 'IT', 'AR', 'RU', 'AU', 'BR', 'JE', 'NL'];

  it.each(regions)('%s: every candidate it rejects is invalid to libphonenumber', (region) => {
    const possible = nationalLengthCheck(region);
    let rejected = 0;
    let valid = 0;
    for (const digits of digitStrings(4_000, region.charCodeAt(0) * 31 + region.charCodeAt(1))) {
      const isValid = parsePhoneNumberFromString(digits, { defaultCountry: region, extract: false })?.isValid() ?? false;
      if (isValid) valid += 1;
      if (!possible(digits)) {
        rejected += 1;
        expect({ region, digits, isValid }).toEqual({ region, digits, isValid: false });
      }
    }
    // The generator reaches valid numbers, and (for fixed-length plans) the shortcut is taken.
    expect(valid).toBeGreaterThan(0);
    if (['US', 'FR', 'RU'].includes(region)) expect(rejected).toBeGreaterThan(500);
  });

  it('real numbers of the default regions pass, written with or without the trunk prefix', () => {
    expect(nationalLengthCheck('US')('2125550178')).toBe(true);
    expect(nationalLengthCheck('US')('12125550178')).toBe(true);
    expect(nationalLengthCheck('US')('48291137')).toBe(false);
    expect(nationalLengthCheck('GB')('02079460958')).toBe(true);
    expect(nationalLengthCheck('FR')('0612345678')).toBe(true);
    expect(nationalLengthCheck('FR')('06123456')).toBe(false);
    expect(nationalLengthCheck('DE')('03012345678')).toBe(true);
  });
});

/** Payment card brands (issuer prefix ranges and lengths) and the Luhn checksum. */

interface CardBrand {
  readonly name: string;
  /** Inclusive prefix ranges; both ends have the same number of digits. */
  readonly prefixes: readonly (readonly [string, string])[];
  readonly lengths: readonly number[];
}

const ANY_LENGTH_13_TO_19 = [13, 14, 15, 16, 17, 18, 19];

/*
 * Written out instead of using validator's isCreditCard: its Mastercard pattern is unanchored
 * (`^5[1-5][0-9]{2}|...`), so any Luhn-valid 51..55 number of any length passes, and it has no
 * Maestro. The first brand whose prefix and length both match wins, so the narrow Discover
 * co-brand range 622126-622925 is listed before UnionPay's broad 62.
 */
const BRANDS: readonly CardBrand[] = [
  { name: 'Visa', prefixes: [['4', '4']], lengths: [13, 16, 19] },
  { name: 'Mastercard', prefixes: [['51', '55'], ['2221', '2720']], lengths: [16] },
  { name: 'American Express', prefixes: [['34', '34'], ['37', '37']], lengths: [15] },
  {
    name: 'Discover',
    prefixes: [['6011', '6011'], ['644', '649'], ['65', '65'], ['622126', '622925']],
    lengths: [16, 17, 18, 19],
  },
  {
    name: 'Diners Club',
    prefixes: [['300', '305'], ['3095', '3095'], ['36', '36'], ['38', '39']],
    lengths: [14, 15, 16, 17, 18, 19],
  },
  { name: 'JCB', prefixes: [['3528', '3589']], lengths: [16, 17, 18, 19] },
  { name: 'UnionPay', prefixes: [['62', '62']], lengths: [16, 17, 18, 19] },
  {
    name: 'Maestro',
    prefixes: [
      ['5018', '5018'],
      ['5020', '5020'],
      ['5038', '5038'],
      ['5893', '5893'],
      ['6304', '6304'],
      ['6759', '6759'],
      ['6761', '6763'],
    ],
    lengths: ANY_LENGTH_13_TO_19,
  },
];

/** The brand whose issuer prefix and length match these digits, or undefined. */
export function cardBrandOf(digits: string): string | undefined {
  for (const brand of BRANDS) {
    if (!brand.lengths.includes(digits.length)) continue;
    for (const [low, high] of brand.prefixes) {
      // Same-length digit strings compare correctly as strings.
      const prefix = digits.slice(0, low.length);
      if (prefix >= low && prefix <= high) return brand.name;
    }
  }
  return undefined;
}

/** True when a digit string passes the Luhn (mod 10) checksum. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

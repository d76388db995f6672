/**
 * Which national phone candidates a region's numbering plan could accept, by their digit count
 * alone, from libphonenumber's own metadata. Parsing a candidate allocates several kilobytes
 * (the library compiles its patterns on every call), and in most text the national candidates
 * tried under the US plan are 7- or 8-digit local numbers and ids that no US number can be: they
 * are rejected here without a parse. The rule only ever answers "cannot be valid"; where the
 * metadata is more than plain digits (a prefix pattern, a transform rule), it accepts everything
 * and leaves the decision to the parser. test/classification/detectors/national-number-lengths.test.ts
 * checks it against the parser.
 */
import { Metadata, getCountryCallingCode, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
import metadataJson from 'libphonenumber-js/metadata.max.json';

const metadata = metadataJson as unknown as MetadataJson;
const PLAIN_DIGITS = /^\d+$/;
/** A prefix for parsing that is only alternatives of plain digits ("0", "0|180020"). */
const PLAIN_ALTERNATIVES = /^\d+(?:\|\d+)*$/;

/** Answers, for the digits of a national candidate, whether `region`'s plan could accept it. */
export type NationalLengthCheck = (digits: string) => boolean;

/** The check for `region`, built once from the metadata (the regions the detector uses are few). */
export function nationalLengthCheck(region: CountryCode): NationalLengthCheck {
  const plan = numberingPlan(region);
  const internationalPrefix = plan.IDDPrefix();
  // The metadata marks an absent field with 0 or undefined.
  const prefixForParsing = plan.nationalPrefixForParsing() || undefined;
  // Anything but plain digits could strip or rewrite more than a fixed prefix: no shortcut.
  if (!PLAIN_DIGITS.test(internationalPrefix) || plan.nationalPrefixTransformRule()) return () => true;
  if (prefixForParsing !== undefined && !PLAIN_ALTERNATIVES.test(prefixForParsing)) return () => true;
  // The prefix is optional: the national number may be written with it or without it.
  const prefixes = ['', ...(prefixForParsing?.split('|') ?? [])];
  const lengths = possibleLengthsOfCallingCode(getCountryCallingCode(region, metadata));
  return (digits) =>
    // A number dialled with the international prefix is parsed as international: no shortcut.
    digits.startsWith(internationalPrefix) || prefixes.some((prefix) => digits.startsWith(prefix) && lengths.has(digits.length - prefix.length));
}

/** Every national number length of every region that shares the calling code (NANP: 25 regions). */
function possibleLengthsOfCallingCode(callingCode: string): ReadonlySet<number> {
  const lengths = new Set<number>();
  for (const region of (metadata as unknown as { country_calling_codes: Record<string, CountryCode[]> }).country_calling_codes[callingCode] ?? []) {
    for (const length of numberingPlan(region).possibleLengths()) lengths.add(length);
  }
  return lengths;
}

interface NumberingPlanView {
  IDDPrefix(): string;
  nationalPrefixForParsing(): string | 0 | undefined;
  nationalPrefixTransformRule(): string | 0 | undefined;
  possibleLengths(): number[];
}

function numberingPlan(region: CountryCode): NumberingPlanView {
  const selected = new Metadata(metadata);
  selected.selectNumberingPlan(region);
  // The class's typings omit the plan's accessors, which are public in the library's source.
  return selected.numberingPlan as unknown as NumberingPlanView;
}

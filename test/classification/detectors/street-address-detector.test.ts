import { describe, expect, it } from 'vitest';
import { createStreetAddressDetector } from '../../../classification/detectors/street-address-detector.js';
import { matchedTexts } from '../detector-fixtures.js';

const detector = createStreetAddressDetector();

describe('street address detector', () => {
  it.each([
    ['a house number with a letter', 'Ship to 221B Baker Street, London', '221B Baker Street'],
    ['an abbreviated type and a direction suffix', 'at 1600 Pennsylvania Ave NW.', '1600 Pennsylvania Ave NW'],
    ['an ordinal street', 'Office: 350 5th Ave, Suite 4200', '350 5th Ave'],
    ['a direction prefix', 'lives at 77 W 34th St', '77 W 34th St'],
    ['a lower-case type', 'send it to 19 Elm street please', '19 Elm street'],
    ['several name words', 'mail 1427 North Oak Avenue, Apt 5B', '1427 North Oak Avenue'],
    ['German, joined', 'Adresse: Hauptstraße 5, 10115 Berlin', 'Hauptstraße 5'],
    ['German, abbreviated and separate', 'wohnhaft Berliner Str. 12, München', 'Berliner Str. 12'],
    ['German, hyphenated', 'Karl-Marx-Allee 12, Berlin', 'Karl-Marx-Allee 12'],
    ['French', 'au 12 rue de la Paix, 75002 Paris', '12 rue de la Paix'],
    ['French with an accented name', '5 avenue des Champs-Élysées, Paris', '5 avenue des Champs-Élysées'],
    ['Italian', 'Via Roma 10, Milano', 'Via Roma 10'],
    ['Spanish', 'Calle Mayor 5, Madrid', 'Calle Mayor 5'],
  ])('finds %s', (_label, text, expected) => {
    expect(matchedTexts(detector, text)).toEqual([expected]);
  });

  it('scores an address after an address cue higher', () => {
    const [withCue] = detector.detect('home address: 8 Oak Lane');
    const [withoutCue] = detector.detect('8 Oak Lane');
    expect(withCue!.score).toBeGreaterThan(withoutCue!.score);
  });

  it.each([
    ['lower-case prose with a street word', 'I ran 5 miles down the road and back'],
    ['a count before capitalised words', 'the 2 Factor Way of working'],
    ['a ranking', 'top 10 Places to visit'],
    ['a chapter reference', 'In chapter 12 Main Street is a symbol'],
    ['a street word glued to more letters', '12 Main Streets'],
    ['a German word with "ring" (not a street suffix)', 'String 5 is long'],
  ])('ignores %s', (_label, text) => {
    expect(detector.detect(text)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { createUsDriverLicenseDetector } from '../../../classification/detectors/us-driver-license-detector.js';
import { matchedTexts } from '../detector-fixtures.js';

const detector = createUsDriverLicenseDetector();

describe('US driver licence detector', () => {
  it.each([
    ['California (letter + 7 digits)', "driver's license A1234567", 'A1234567'],
    ['Florida (dashed)', 'Driver License: S530-460-72-812-0', 'S530-460-72-812-0'],
    ['Illinois (dashed)', 'drivers licence M213-5567-8902', 'M213-5567-8902'],
    ['New York (3-3-3)', 'DL# 458 219 307', '458 219 307'],
    ['Texas (8 digits)', 'DL 40329861', '40329861'],
    ['Washington (WDL...)', "driver's licence WDL0ZXQ83B9S", 'WDL0ZXQ83B9S'],
    ['Ohio (2 letters + 6 digits)', 'driving license: TK482913', 'TK482913'],
  ])('finds %s', (_label, text, expected) => {
    expect(matchedTexts(detector, text)).toEqual([expected]);
  });

  it.each([
    ['no licence word', 'ticket A1234567'],
    ['a lower-case "dl" (a download)', 'dl 40329861 files'],
    ['a software license', 'license key 40329861'],
    ['the driving test', "The driver's license test has 40 questions and you need 32 correct."],
    ['too few digits', "driver's license A123"],
  ])('rejects %s', (_label, text) => {
    expect(detector.detect(text)).toEqual([]);
  });
});

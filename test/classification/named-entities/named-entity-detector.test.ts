import { describe, expect, it } from 'vitest';
import type { DetectedEntity, EntityType } from '../../../classification/classifier.js';
import { createNamedEntityDetector } from '../../../classification/named-entities/named-entity-detector.js';

const detector = createNamedEntityDetector();

/** [type, exact text] for every finding, in text order. */
function found(text: string, entities: DetectedEntity[] = detector.detect(text)): Array<[EntityType, string]> {
  return entities.map((entity) => [entity.type, text.slice(entity.start, entity.end)]);
}

function people(text: string): string[] {
  return found(text)
    .filter(([type]) => type === 'PERSON')
    .map(([, name]) => name);
}

describe('named-entity detector: people', () => {
  it.each([
    ['an English name', 'John Smith called about the invoice.', ['John Smith']],
    ['a German name with an umlaut', 'Please forward this to Hans Müller in Berlin.', ['Hans Müller']],
    ['a Spanish name with accents', 'José García works at Microsoft in Madrid.', ['José García']],
    ['a Chinese name, family name first', 'Zhang Wei joined the project last week.', ['Zhang Wei']],
    ['a Yoruba name the tagger does not know', 'Oluwaseun Adeyemi joined the project last week.', ['Oluwaseun Adeyemi']],
    ['a Danish name with ø', 'Søren Kierkegaard wrote about anxiety.', ['Søren Kierkegaard']],
    ['an Arabic name with a hyphenated prefix', 'Mohammed Al-Rashid visited the office.', ['Mohammed Al-Rashid']],
    ['a hyphenated French given name', 'Jean-Pierre Dupont signed it.', ['Jean-Pierre Dupont']],
    ['a name with a particle', 'Ludwig van Beethoven was born in 1770.', ['Ludwig van Beethoven']],
    ['a Vietnamese name after a title', 'the doctor, Dr Nguyen Van Anh, was kind', ['Nguyen Van Anh']],
  ])('finds %s with an exact span', (_label, text, expected) => {
    expect(people(text)).toEqual(expected);
  });

  it.each([
    ['an all-caps name in mixed text', 'JOHN SMITH called yesterday.', ['JOHN SMITH']],
    ['names in an all-caps header', 'FROM: OLUWASEUN ADEYEMI\nTO: SØREN KIERKEGAARD\nRE: CONTRACT', ['OLUWASEUN ADEYEMI', 'SØREN KIERKEGAARD']],
    ['a name in an all-caps sentence', 'URGENT: CALL MARIA GONZALEZ AT THE LONDON OFFICE', ['MARIA GONZALEZ']],
  ])('finds %s', (_label, text, expected) => {
    expect(people(text)).toEqual(expected);
  });

  it.each([
    ['Dr. Priya Patel reviewed the scan.', ['Priya Patel']],
    ['Frau Schneider und Herr Weber kommen morgen.', ['Schneider', 'Weber']],
    ['Mme Dubois and M. Lefèvre arrived.', ['Dubois', 'Lefèvre']],
    ["Contact Mr. O'Brien's office.", ["O'Brien"]],
  ])('keeps titles and possessives out of the span: %s', (text, expected) => {
    expect(people(text)).toEqual(expected);
  });

  it('finds a name introduced with "my name is", even in lower case', () => {
    expect(people('My name is Aisha Khan and I live in Toronto.')).toEqual(['Aisha Khan']);
    expect(people('hi, my name is maria lopez')).toEqual(['maria lopez']);
  });

  it('finds the name on a signature line after a sign-off', () => {
    expect(people('Thanks for the help.\n\nKind regards,\nOluwaseun\nHead of Finance')).toEqual(['Oluwaseun']);
    expect(people('See you soon. Best, Tom')).toEqual(['Tom']);
    expect(people('Mit freundlichen Grüßen\nKlaus Becker')).toEqual(['Klaus Becker']);
  });

  it('scores a name with more evidence higher', () => {
    const [taggerOnly] = detector.detect('Grace Hopper wrote the first compiler.');
    const [withContext] = detector.detect('Dr. Grace Hopper wrote the first compiler.');
    expect(taggerOnly!.score).toBeLessThan(withContext!.score);
    expect(withContext!.reason).toMatch(/after a title/);
  });
});

describe('named-entity detector: places and organisations', () => {
  it('finds places and organisations the tagger knows', () => {
    expect(found('José García works at Microsoft in Madrid.')).toEqual([
      ['PERSON', 'José García'],
      ['ORGANIZATION', 'Microsoft'],
      ['LOCATION', 'Madrid'],
    ]);
  });

  it('finds an organisation from its suffix when the tagger does not know it', () => {
    expect(found('The deal between Quillfeather Systems and Brandt GmbH closed.')).toEqual([
      ['ORGANIZATION', 'Quillfeather Systems'],
      ['ORGANIZATION', 'Brandt GmbH'],
    ]);
    expect(found('She studied at the University of Oslo.')).toEqual([['ORGANIZATION', 'University of Oslo']]);
  });

  it('splits a comma-separated place list into places', () => {
    expect(found('We flew to Paris, France.')).toEqual([
      ['LOCATION', 'Paris'],
      ['LOCATION', 'France'],
    ]);
  });
});

describe('named-entity detector: hard negatives', () => {
  it.each([
    ['month and day names', 'Meet me on Monday in March, or May 5th; June and July are busy.'],
    ['sentence-initial common words', 'Will you review the pull request? May I ask why? Grace is needed. Mark the box.'],
    ['numbers', 'The 2024 report shows 350 people attended and 42 said 7 is lucky.'],
    ['code identifiers', 'Call getUserName() then React.useState and Array.prototype.map on user_name.'],
    ['SQL with capitalised columns', 'SELECT Name, Email FROM Users WHERE Id = 5 ORDER BY CreatedAt'],
    ['product and assistant names', 'Ask Alexa or Siri; Jenkins failed after the Docker build on my iPhone.'],
    ['team names in a signature', 'Regards,\nCustomer Service'],
    ['an all-caps notice without names', 'WARNING: THE SERVER IS DOWN, CONTACT IT SUPPORT ASAP'],
    ['a plain coding question', 'How do I reverse a linked list in Python?'],
    ['capitalised headings', 'Step 1: Open Settings. Step 2: Click Save. Press Enter to continue.'],
  ])('reports nothing for %s', (_label, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('named-entity detector: spans and robustness', () => {
  it('gives exact UTF-16 offsets around emoji, CRLF and tabs', () => {
    const text = 'Hi 👋 John Smith\r\ncalled\tabout it — and Zoë Ng too.';
    const entities = detector.detect(text);
    expect(found(text, entities)).toEqual([
      ['PERSON', 'John Smith'],
      ['PERSON', 'Zoë Ng'],
    ]);
    expect(entities[0]!.start).toBe(6);
  });

  it('shifts spans by the length of text put in front', () => {
    const text = 'Please forward this to Hans Müller in Berlin.';
    const prefix = 'Unrelated words 🙂 first.\n';
    const before = detector.detect(text).map((entity) => [entity.start, entity.end]);
    const after = detector.detect(prefix + text).map((entity) => [entity.start - prefix.length, entity.end - prefix.length]);
    expect(after).toEqual(before);
  });

  it('returns [] for the empty string and the same answer twice', () => {
    expect(detector.detect('')).toEqual([]);
    const text = 'Dr. Priya Patel reviewed the scan at Mayo Clinic.';
    expect(detector.detect(text)).toEqual(detector.detect(text));
  });

  it('finds a name in every chunk of a long text, with exact spans', () => {
    const paragraph = 'The weekly report is attached for review. Please send comments to Hans Müller before noon. ';
    const text = paragraph.repeat(300);
    const names = people(text);
    expect(names).toHaveLength(300);
    expect(new Set(names)).toEqual(new Set(['Hans Müller']));
  });

  it.each([
    ['capitalised words', 'Ab Cd Ef '],
    ['titles', 'Dr. '],
    ['sign-offs', 'Regards,\n'],
    ['introductions', 'my name is '],
    ['one long letter run', 'A'],
    ['digits and spaces', '1 '],
  ])('returns well-formed findings on 100 KB of repeated %s', (_label, unit) => {
    const text = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
    for (const entity of detector.detect(text)) {
      expect(entity.start).toBeGreaterThanOrEqual(0);
      expect(entity.end).toBeLessThanOrEqual(text.length);
      expect(entity.start).toBeLessThan(entity.end);
      expect(entity.score).toBeGreaterThan(0);
      expect(entity.score).toBeLessThanOrEqual(1);
    }
  });

  it('handles 2 KB and 200 KB inputs (times printed, not asserted)', () => {
    const paragraphs = [
      'Hi team, please forward the signed contract to Hans Müller in Berlin before Friday.',
      'The function getUser returns null when the cache misses; use React.useState instead.',
      '2024-05-01 12:00:01 INFO worker-3 processed 1532 jobs in 42 ms (queue=default)',
      'Dr. Priya Patel reviewed the MRI at Mayo Clinic and asked Zhang Wei to follow up.',
      'the deployment pipeline failed twice because the docker image was too large.',
      'Kind regards,\nOluwaseun Adeyemi\nHead of Finance',
    ];
    const make = (size: number): string => {
      let text = '';
      for (let index = 0; text.length < size; index++) text += `${paragraphs[index % paragraphs.length]}\n\n`;
      return text.slice(0, size);
    };
    detector.detect('warm up John Smith');
    for (const size of [2_000, 200_000]) {
      const text = make(size);
      const startedAt = performance.now();
      const entities = detector.detect(text);
      console.log(`named-entity detector: ${size / 1000} KB in ${Math.round(performance.now() - startedAt)} ms, ${entities.length} entities`);
      expect(entities.length).toBeGreaterThan(0);
    }
  });

  it('rejects options that would report everything or nothing', () => {
    expect(() => createNamedEntityDetector({ minScore: 0 })).toThrow(/minScore/);
    expect(() => createNamedEntityDetector({ chunkChars: 10 })).toThrow(/chunkChars/);
  });
});

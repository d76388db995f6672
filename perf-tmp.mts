import { createDefaultDetectors } from './classification/detectors/default-detectors.js';
const N = Number(process.argv[2] ?? 100_000);
const fill = (unit: string) => unit.repeat(Math.ceil(N / unit.length)).slice(0, N);
const inputs: Record<string, string> = {
  prose: fill('The quick brown fox jumps over the lazy dog. Order 123456 shipped on 2024-01-15 to Berlin; call 030 1234567 or mail a.b@example.com. Version 1.2.3 released. '),
  dashes: fill('1-'), ats: fill('a@'), begin: fill('-----BEGIN'), pem: fill('-----BEGIN RSA PRIVATE KEY-----\n'), digits: fill('1'), spaced: fill('1 '),
  groups: fill('123 4567,'), groups2: fill('12 34 '), dots: fill('1.'), colons: fill('1:'), hex: fill('a1:'), eq: fill('a='), keyish: fill('key: '), tokens: fill('token abcdefghij0123456789ABCDEFGH '),
  sk: fill('sk-'), eyj: fill('eyJ'), eyjdot: fill('eyJhbGciOiJIUzI1NiJ9.'), iban: fill('DE89 '), alnum: fill('A1'), plus: fill('+1 '), paren: fill('(1) '),
  words: fill('aaaa bbbb '), email: fill('a.b@c.d'), ssn: fill('123-45-6789 '),  passwords: fill('password: hunter2 '), url: fill('x://a:b@'),
};
const detectors = createDefaultDetectors();
for (const [label, text] of Object.entries(inputs)) {
  const row: string[] = [];
  for (const d of detectors) {
    const t0 = performance.now(); let n: number | string;
    try { n = d.detect(text).length; } catch (e) { n = 'THROW ' + (e as Error).message.slice(0,40); }
    const ms = performance.now() - t0;
    if (ms > 50 || typeof n === 'string') row.push(`${d.name}=${ms.toFixed(0)}ms(${n})`);
  }
  console.log(label.padEnd(10), row.join(' '));
}

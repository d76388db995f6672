import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { createDefaultClassifier } from './classification/default-classifier.js';
const files = execSync("find node_modules -name '*.d.ts' -size +2k | head -1500; find node_modules -name '*.md' | sed -n '300,900p'", { encoding: 'utf8' }).trim().split('\n');
const c = createDefaultClassifier();
const counts: Record<string, number> = {};
let chars = 0; let t = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8'); chars += text.length;
  const r = await c.classify(text); t += r.ms;
  if (r.failure) console.log('FAIL', f, r.failure.reason);
  for (const e of r.entities) { counts[e.detector] = (counts[e.detector] ?? 0) + 1; if (process.argv[2] === '-v' || counts[e.detector]! <= 400) console.log(e.detector.padEnd(22), JSON.stringify(text.slice(e.start, e.end)).slice(0, 70).padEnd(72), '|', JSON.stringify(text.slice(Math.max(0, e.start - 30), e.start)).slice(0,40), f.slice(0, 60)); }
}
console.log(files.length, 'files', chars, 'chars', t.toFixed(0), 'ms', counts);

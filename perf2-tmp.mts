import { createPhoneDetector } from './classification/detectors/phone-detector.js';
import { createDefaultClassifier } from './classification/default-classifier.js';
let s = ''; let i = 0;
while (s.length < 1_000_000) { s += `0${(i * 7919) % 90 + 10} ${(i * 104729) % 9000000 + 1000000}, `; i++; }
const t0 = performance.now();
try { console.log(createPhoneDetector().detect(s).length); } catch (e) { console.log('threw', (e as Error).message); }
console.log('ms', performance.now() - t0);
const r = await createDefaultClassifier().classify(s);
console.log(r.entities.length, r.failure, r.ms);
const small = s.slice(0, 100_000);
const r2 = await createDefaultClassifier().classify(small);
console.log(r2.entities.length, r2.failure, r2.ms);

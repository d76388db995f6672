import { isRandomLookingSecret } from './classification/detectors/secret-heuristics.js';
import { randomBytes, randomInt } from 'node:crypto';
const alpha = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
for (const len of [20, 24, 32, 40, 64]) {
  let ok62 = 0, okHex = 0, ok64 = 0; const N = 5000;
  for (let i = 0; i < N; i++) {
    let s = ''; for (let j = 0; j < len; j++) s += alpha[randomInt(62)];
    if (isRandomLookingSecret(s)) ok62++;
    if (isRandomLookingSecret(randomBytes(len).toString('hex').slice(0, len))) okHex++;
    if (isRandomLookingSecret(randomBytes(len).toString('base64').slice(0, len))) ok64++;
  }
  console.log(len, 'base62', (ok62 / N).toFixed(3), 'hex', (okHex / N).toFixed(3), 'base64', (ok64 / N).toFixed(3));
}

import { createDefaultDetectors } from './classification/detectors/default-detectors.js';
for (const n of [100_000, 200_000, 400_000]) for (const unit of ['password: ', '-----BEGIN RSA PRIVATE KEY-----\n']) {
  const text = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  const row = [];
  for (const d of createDefaultDetectors()) { const t0 = performance.now(); const r = d.detect(text); const ms = performance.now() - t0; if (ms > 20) row.push(`${d.name}=${ms.toFixed(0)}(${r.length})`); }
  console.log(n, JSON.stringify(unit.slice(0,10)), row.join(' '));
}

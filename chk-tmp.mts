import { cardBrandOf, isLuhnValid } from './classification/detectors/card-brands.js';
for (const c of ['4111111111111111','4222222222222','5555555555554444','2223003122003222','378282246310005','6011111111111117','30569309025904','3530111333300000','6200000000000005','6759649826438453','4111111111111112','1700000000000','0000000000000000','6221260000000000', '4000056655665556', '5200828282828210','36227206271667','6304000000000000','5018000000000009'])
  console.log(c, isLuhnValid(c), cardBrandOf(c));
import { createDefaultClassifier } from './classification/default-classifier.js';
const c = createDefaultClassifier();
for (const s of ['+49 30 901820', '415-555-2671', 'call 4155552671', 'order 4155552671', '+14155552671', '0044 20 7946 0958', '+44 (0)20 7946 0958', '030/1234567', '(030) 1234567', '06 12 34 56 78', '07700 900123', '+33 6 12 34 56 78', '192.168.100.200', '3.14159265', '12 34 56 78', '555-2671', 'tel: +49 171 1234567', '1-800-555-0199', 'ts 1700000000', '2024-01-15 10:30', 'Postleitzahl 10115 Berlin', '$1,234,567.89', '1 234 567 €', 'Room 101 at 10 am', 'order 12345678', '123 456 789', 'ID 0123 456 789']) {
  const r = await c.classify(s); console.log(JSON.stringify(s), r.entities.map(e => `${e.type}:${s.slice(e.start,e.end)}`).join(', '));
}

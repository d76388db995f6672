/**
 * The model-server double in its own process, so the bench can count its CPU apart from the client's.
 * Prints `{"url": ...}` on stdout once listening; reads `latency <ms>` lines on stdin, answers `ok`.
 */
import { createInterface } from 'node:readline';
import { startModelServer } from '../test/doubles/model-server.js';

const server = await startModelServer();
console.log(JSON.stringify({ url: server.url }));
for await (const line of createInterface({ input: process.stdin })) {
  const [command, value] = line.trim().split(/\s+/);
  if (command === 'latency') {
    // reset() also forgets the recorded requests, which would otherwise grow for the whole run.
    server.reset();
    server.setLatency(Number(value));
    console.log('ok');
  } else {
    console.log(`unknown command: ${line}`);
  }
}
await server.close();

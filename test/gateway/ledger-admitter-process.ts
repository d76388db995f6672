/**
 * A separate process admitting requests against a shared gateway store, for the multi-process
 * ledger test. Args: <store file> <attempts> <requests per minute>. Prints the number admitted.
 */
import { openGatewayStore } from '../../gateway/gateway-store.js';
import { UsageLedger } from '../../gateway/usage-ledger.js';

const [file, attempts, perMinute] = process.argv.slice(2);
const ledger = new UsageLedger(openGatewayStore(file!));
const key = { keyId: 'shared', application: 'shared-app', allowedModels: ['auto'], requestsPerMinute: Number(perMinute) };
// Start together: the parent writes "go" once every process is ready.
process.stdin.once('data', () => {
  let admitted = 0;
  for (let index = 0; index < Number(attempts); index++) if (typeof ledger.admit(key, { tokens: 1, costUsd: 0 }) === 'number') admitted++;
  console.log(admitted);
  process.exit(0);
});
console.log('ready');

/**
 * The gateway process: `npx tsx gateway/server.ts` (or `switchyard gateway`). Env: see
 * gateway-settings.ts and the README's Gateway section.
 */
import { readGatewaySettings } from './gateway-settings.js';
import { startGateway } from './start-gateway.js';

try {
  const settings = readGatewaySettings();
  const gateway = await startGateway(settings);
  console.error(`gateway: ${gateway.url}/v1 (Temporal ${settings.temporalAddress}, namespace ${settings.namespace}, store ${settings.storeFile})`);
  const stop = () => void gateway.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`gateway: ${(error as Error).message}`);
  process.exit(1);
}

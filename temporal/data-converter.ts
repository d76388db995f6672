/**
 * The one DataConverter every Switchyard client and worker uses: AES-GCM payload codec over the
 * configured keys, failure messages and stack traces encoded so they are encrypted too. Without a
 * key it refuses to start (outside the demo, which keeps its own key file under .data/).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { KEY_ENVIRONMENT, keyringFromEnvironment, PayloadKeyError, rotateKeyFile, type Keyring } from './key-store.js';
import { AesGcmPayloadCodec } from './payload-codec.js';
import { PolicyClaimCodec } from './policy-claim-codec.js';
import { PolicyRecordStore, type PolicyRecordsTarget } from './policy-records.js';

/** Path of the failure converter module (encodeCommonAttributes); the workflow bundle needs it too. */
export const failureConverterPath = fileURLToPath(new URL('./failure-converter.cjs', import.meta.url));

/** Where the demo keeps its key file when no key is configured. */
const DEMO_KEY_FILE = '.data/demo-payload-keys.json';

/** The configured keyring; throws PayloadKeyError when none is configured. */
export function loadKeyring(env: NodeJS.ProcessEnv = process.env): Keyring {
  const keyring = keyringFromEnvironment(env);
  if (!keyring) {
    // A newcomer running the CLI beside `npm run demo` needs the demo's key: say where it is.
    const demoHint = existsSync(DEMO_KEY_FILE) ? ` To talk to the demo's server: export ${KEY_ENVIRONMENT.file}=${DEMO_KEY_FILE}` : '';
    throw new PayloadKeyError(
      `no payload key configured: set ${KEY_ENVIRONMENT.file} to a key file (create one with \`switchyard keys generate --file <path>\`) or ${KEY_ENVIRONMENT.inline}=id:base64key. Switchyard never writes request data to Temporal in clear.${demoHint}`,
    );
  }
  return keyring;
}

/**
 * The DataConverter for this process, from the environment's keys (contract with the other engineers).
 * The demo puts its key file into process.env first (demoKeyEnvironment), so it needs no option here.
 */
export function loadDataConverter(options: { env?: NodeJS.ProcessEnv } = {}): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(loadKeyring(options.env))], failureConverterPath };
}

/**
 * The DataConverter with the policy claim check in front of its codecs: a policy snapshot goes into
 * history as a reference to its policy record in `target` (decision 0012). The control worker, the
 * audit and the codec server use it; the store's own payloads go through the other codecs only.
 * Replaces a claim check already there, so it may be applied again for another connection.
 */
export function withPolicyRecords(dataConverter: DataConverter, target: PolicyRecordsTarget): DataConverter {
  const codecs = (dataConverter.payloadCodecs ?? []).filter((codec) => !(codec instanceof PolicyClaimCodec));
  return { ...dataConverter, payloadCodecs: [new PolicyClaimCodec(new PolicyRecordStore(target, codecs)), ...codecs] };
}

/**
 * The demo's environment: the configured keys, or else its own key file (made once, mode 0600).
 * Returns the env entries to pass to the demo's child processes.
 */
export function demoKeyEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (env[KEY_ENVIRONMENT.file]) return { [KEY_ENVIRONMENT.file]: env[KEY_ENVIRONMENT.file]! };
  if (env[KEY_ENVIRONMENT.inline]) return { [KEY_ENVIRONMENT.inline]: env[KEY_ENVIRONMENT.inline]! };
  if (!existsSync(DEMO_KEY_FILE)) rotateKeyFile(DEMO_KEY_FILE);
  return { [KEY_ENVIRONMENT.file]: DEMO_KEY_FILE };
}

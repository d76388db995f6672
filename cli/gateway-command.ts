/**
 * `switchyard gateway`: serve the OpenAI-compatible gateway, and manage its application keys
 * (`gateway key create|list|revoke`) in the gateway store.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { ApiKeys } from '../gateway/api-keys.js';
import { readGatewaySettings } from '../gateway/gateway-settings.js';
import { openGatewayStore } from '../gateway/gateway-store.js';
import { startGateway } from '../gateway/start-gateway.js';
import { shutdownSignal } from './shutdown-signal.js';

const positive = (value: string) => {
  const parsed = Number(value);
  if (!(parsed > 0) || !Number.isFinite(parsed)) throw new InvalidArgumentError('expected a positive number');
  return parsed;
};
const positiveInteger = (value: string) => {
  const parsed = positive(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError('expected a positive integer');
  return parsed;
};

interface CreateKeyOptions {
  application: string;
  department?: string;
  models: string;
  rpm?: number;
  tpm?: number;
  budgetUsd?: number;
  budgetPeriod: 'day' | 'month';
}

/** Adds `gateway` and its subcommands to the program. */
export function registerGatewayCommand(program: Command): void {
  const gateway = program.command('gateway').description('The OpenAI-compatible HTTP gateway: each chat request a routed workflow');
  gateway
    .command('serve', { isDefault: true })
    .description('Serve /v1/chat/completions, /v1/models, /v1/embeddings and /v1/switchyard/tasks/{id}')
    .option('--port <port>', 'listen port (default $SWITCHYARD_GATEWAY_PORT, $PORT or 8000)')
    .option('--host <host>', 'listen address (default $SWITCHYARD_GATEWAY_HOST or 127.0.0.1)')
    .action(async (options: { port?: string; host?: string }) => {
      const settings = readGatewaySettings({ ...process.env, ...(options.port ? { SWITCHYARD_GATEWAY_PORT: options.port } : {}), ...(options.host ? { SWITCHYARD_GATEWAY_HOST: options.host } : {}) });
      const running = await startGateway(settings);
      console.error(`gateway: ${running.url}/v1 (Temporal ${settings.temporalAddress}, store ${settings.storeFile}); Ctrl-C stops`);
      await shutdownSignal();
      await running.close();
    });

  const key = gateway.command('key').description('Application API keys (stored hashed in $SWITCHYARD_GATEWAY_STORE)');
  key
    .command('create')
    .description('Create a key; it is printed once and only its hash is stored')
    .requiredOption('--application <name>', 'the application every request with this key is recorded as')
    .option('--department <name>', 'the department every request with this key is recorded as (rules may match on it)')
    .option('--models <list>', 'comma-separated model names the key may request (auto, policy aliases) or *', 'auto')
    .option('--rpm <n>', 'requests per minute', positiveInteger)
    .option('--tpm <n>', 'tokens per minute', positiveInteger)
    .option('--budget-usd <usd>', 'spending limit in USD per budget period (policy prices)', positive)
    .option('--budget-period <period>', 'day or month', 'month')
    .action(async (options: CreateKeyOptions) => {
      if (options.budgetPeriod !== 'day' && options.budgetPeriod !== 'month') throw new InvalidArgumentError('--budget-period must be day or month');
      const database = openGatewayStore(readGatewaySettings().storeFile);
      try {
        const { apiKey, key: created } = await new ApiKeys(database).create({
          application: options.application,
          ...(options.department ? { department: options.department } : {}),
          allowedModels: options.models.split(',').map((model) => model.trim()).filter(Boolean),
          ...(options.rpm ? { requestsPerMinute: options.rpm } : {}),
          ...(options.tpm ? { tokensPerMinute: options.tpm } : {}),
          ...(options.budgetUsd ? { budgetUsd: options.budgetUsd, budgetPeriod: options.budgetPeriod } : {}),
        });
        console.error(`key ${created.keyId} for application ${created.application}${created.department ? ` (department ${created.department})` : ''}; store it now, it is not shown again:`);
        console.log(apiKey);
      } finally {
        database.close();
      }
    });
  key
    .command('list')
    .description('List live keys (ids and settings; secrets are not stored)')
    .action(() => {
      const database = openGatewayStore(readGatewaySettings().storeFile);
      try {
        for (const entry of new ApiKeys(database).list()) console.log(JSON.stringify(entry));
      } finally {
        database.close();
      }
    });
  key
    .command('revoke')
    .description('Revoke a key by id')
    .argument('<keyId>')
    .action((keyId: string) => {
      const database = openGatewayStore(readGatewaySettings().storeFile);
      try {
        if (!new ApiKeys(database).revoke(keyId)) {
          console.error(`no live key ${keyId}`);
          process.exitCode = 1;
        }
      } finally {
        database.close();
      }
    });
}

/** What every gateway route needs: the policy, the task client, keys, ledger, embedders and limits. */
import type { Embedder } from '../knowledge/embedder.js';
import type { Policy } from '../routing/policy-schema.js';
import type { ApiKeys, ApplicationKey } from './api-keys.js';
import type { RoutedTaskClient } from './routed-task-client.js';
import type { StreamSlots } from './stream-slots.js';
import type { UsageLedger } from './usage-ledger.js';

/** Limits that keep one request from hurting the gateway or its neighbours. */
export interface GatewayLimits {
  /** Largest request body in bytes (413 above). Default 1 MiB. */
  maxBodyBytes: number;
  /** Default 256. */
  maxMessages: number;
  /** Characters over all messages. Default 200 000. */
  maxCharacters: number;
  /** Output cap passed to every task when the request sets none (it bounds reservations). Default 1024. */
  defaultMaxOutputTokens: number;
  /** Longest `x-switchyard-review-wait` a client may ask for, in seconds. Default 600. */
  maxReviewWaitSeconds: number;
}

/** The gateway's collaborators. */
export interface GatewayDependencies {
  policy: Policy;
  tasks: RoutedTaskClient;
  keys: ApiKeys;
  ledger: UsageLedger;
  /** Local embedders by the model name clients use (never a cloud embedder). */
  embedders: ReadonlyMap<string, Embedder>;
  namespace: string;
  uiUrl: string;
  limits?: Partial<GatewayLimits>;
  /** Stream slots for live `stream: true` (decision 0017); absent: streams are answered from the result. */
  streams?: StreamSlots;
}

/** Defaults of GatewayLimits. */
export const defaultGatewayLimits: GatewayLimits = { maxBodyBytes: 1024 * 1024, maxMessages: 256, maxCharacters: 200_000, defaultMaxOutputTokens: 1024, maxReviewWaitSeconds: 600 };

/** Hono variables set by the auth middleware. */
export interface GatewayVariables {
  key: ApplicationKey;
}

/** The Hono environment of gateway routes. */
export type GatewayEnv = { Variables: GatewayVariables };

/** The model name that means "let the policy choose". */
export const AUTO_MODEL = 'auto';

/** The hono environment every review route shares: who is asking and how they proved it. */
import type { Client } from '@temporalio/client';
import type { ReviewAccess } from './review-access.js';
import type { Reviewer } from './reviewers-config.js';
import type { DecisionSigner } from './decision-signature.js';
import type { Session } from './session.js';

/** Context variables set by the authentication middleware. */
export interface ReviewEnv {
  Variables: {
    reviewer: Reviewer;
    /** The cookie session, or null for a bearer-token request (which needs no CSRF token). */
    session: Session | null;
    /** Set by hono's secure-headers middleware; inline <style>/<script> carry it. */
    secureHeadersNonce?: string;
  };
}

/** What the routes use to reach Temporal and describe reviewers. */
export interface ReviewServices {
  client: Client;
  /** Which tasks each reviewer may see and decide (the policy's review section). */
  access: ReviewAccess;
  /** Signs each decision for the workflow's validator; passes it through unsigned when the app has no signing key. */
  signer: DecisionSigner;
  /** "Alice Example (alice)" for a known id, the id itself otherwise. */
  nameOf: (reviewerId: string) => string;
  updateTimeoutMs: number;
  queryTimeoutMs: number;
  now: () => number;
}

/**
 * The review app's process: `npx tsx review/server.ts`.
 * Env: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, SWITCHYARD_POLICY (whose review section says who sees
 * what), SWITCHYARD_REVIEWERS (reviewers file), SWITCHYARD_REVIEW_PORT (8090), SWITCHYARD_REVIEW_HOST
 * (127.0.0.1), SWITCHYARD_REVIEW_SECRET, SWITCHYARD_REVIEW_SIGNING_KEY (signs decisions), payload keys.
 * Exits non-zero with a clear message when the configuration is bad, uses the public examples
 * outside the demo, or Temporal is unreachable.
 */
import { serve } from '@hono/node-server';
import { connectClient } from '../cli/temporal-client.js';
import { loadPolicyFile } from '../routing/policy-loader.js';
import { readEnvironment } from '../workers/worker-environment.js';
import { createDecisionSigner } from './decision-signature.js';
import { exampleCredentialProblem } from './example-credentials.js';
import { reviewAccessFromPolicy } from './review-access.js';
import { createReviewApp } from './review-app.js';
import { loadReviewerDirectory } from './reviewers-config.js';

async function main(): Promise<void> {
  const settings = readEnvironment();
  const reviewersFile = process.env.SWITCHYARD_REVIEWERS ?? 'review/reviewers.json';
  const port = Number(process.env.SWITCHYARD_REVIEW_PORT ?? 8090);
  // Loopback by default: put a TLS-terminating proxy in front to serve reviewers on other machines.
  const hostname = process.env.SWITCHYARD_REVIEW_HOST ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`SWITCHYARD_REVIEW_PORT must be a port number, not "${process.env.SWITCHYARD_REVIEW_PORT}"`);

  const reviewers = await loadReviewerDirectory(reviewersFile);
  const policy = await loadPolicyFile(settings.policyFile);
  const secret = process.env.SWITCHYARD_REVIEW_SECRET;
  const demo = process.env.SWITCHYARD_DEMO === '1';
  const example = exampleCredentialProblem(secret, reviewers);
  if (example && !(demo && (hostname === '127.0.0.1' || hostname === 'localhost'))) throw new Error(`refusing to start: ${example}. Only \`npm run demo\` may use the examples.`);
  if (!secret) console.error('review: SWITCHYARD_REVIEW_SECRET is not set; using a random secret, so sessions end when this process stops.');
  else if (secret.length < 32) throw new Error('SWITCHYARD_REVIEW_SECRET must be at least 32 characters (for example `openssl rand -base64 32`).');
  const signingKey = process.env.SWITCHYARD_REVIEW_SIGNING_KEY;
  const signer = signingKey ? createDecisionSigner(signingKey) : undefined;
  if (!signer) console.error('review: SWITCHYARD_REVIEW_SIGNING_KEY is not set; decisions go unsigned and a control worker with review.decisionKeys refuses them.');

  const { client, close } = await connectClient(settings);
  const app = createReviewApp({ client, reviewers, access: reviewAccessFromPolicy(policy.review), ...(signer ? { signer } : {}), ...(secret ? { secret } : {}) });
  const server = serve({ fetch: app.fetch, port, hostname }, (info) =>
    console.error(`review: http://${info.address}:${info.port} (Temporal ${settings.temporalAddress}, namespace ${settings.namespace}, ${reviewers.reviewers.length} account(s), policy ${policy.version} lists ${policy.review.reviewers.length} reviewer(s))`),
  );
  server.on('error', (error) => {
    console.error(`review: cannot listen on ${hostname}:${port}: ${error.message}`);
    process.exit(1);
  });
  const stop = () => server.close(() => void close().finally(() => process.exit(0)));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`review: ${error.message}`);
  // Exit explicitly: a failed Temporal connection can leave handles that keep Node alive.
  process.exit(1);
});

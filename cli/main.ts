/** The `switchyard` command line: run, classify, demo, server, policy. */
import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { classifierFromEnvironment } from '../workers/classifier-from-environment.js';
import { ENTITY_TYPE_DESCRIPTIONS } from '../classification/entity-types.js';
import { policyJsonSchema } from '../routing/policy-json-schema.js';
import { loadPolicyFile } from '../routing/policy-loader.js';
import { startDevServer } from '../temporal/dev-server.js';
import { readEnvironment } from '../workers/worker-environment.js';
import { auditCommand } from './audit-command.js';
import { classifyCommand } from './classify-command.js';
import { codecServerCommand } from './codec-server-command.js';
import { demoCommand } from './demo-command.js';
import { doublesCommand } from './doubles-command.js';
import { registerGatewayCommand } from './gateway-command.js';
import { ingestCommand } from './ingest-command.js';
import { keysGenerateCommand, keysReviewSigningCommand, keysTokenCommand } from './keys-command.js';
import { registerModelsCommand } from './models-command.js';
import { runCommand } from './run-command.js';
import { shutdownSignal } from './shutdown-signal.js';
import { statsCommand } from './stats-command.js';
import { trainTopicsCommand } from './train-topics-command.js';

const program = new Command('switchyard')
  .description('Routed AI workflows on Temporal: classify each request, route it by policy to a local or cloud model, keep the history as the audit trail.')
  .addHelpText(
    'after',
    '\nEnvironment:\n  TEMPORAL_ADDRESS   Temporal frontend (default 127.0.0.1:7233)\n  TEMPORAL_NAMESPACE namespace (default "default")\n  SWITCHYARD_POLICY  routing policy file (default policies/default.yaml)\n  TEMPORAL_UI_URL    Web UI base for links (default: the server host, gRPC port + 1000, e.g. http://localhost:8233)',
  );

program
  .command('run')
  .description('Route one prompt through a workflow; print the decision, the answer and the run\'s Temporal UI link')
  .argument('<prompt>', 'the request text')
  .option('--department <name>', 'caller department (rules may match on it)')
  .option('--application <name>', 'calling application (rules may match on it)')
  .option('--task-type <type>', 'override the task-type guess (code, summarize, translate, general, ...)')
  .option('--system <text>', 'system prompt (classified too)')
  .option('--route-only', 'classify and route, record the decision, run no inference')
  .option('--json', 'print the whole result as JSON')
  .option('--knowledge <collection>', 'retrieve context from this local collection first')
  .option('--access-group <group>', 'caller access group for retrieval (repeatable)', (value: string, previous: string[] = []) => [...previous, value])
  .action(async (prompt: string, options) => {
    process.exitCode = await runCommand(prompt, options);
  });

program
  .command('classify')
  .description('Classify JSONL ({"id","text"} per line) from a file or stdin; write {"id","dataClass","sensitive","entities":[{"type","start","end"}],"ms"} per line')
  .argument('[file]', 'JSONL file; "-" or nothing reads stdin')
  .option('--policy <file>', 'policy that maps entity types to data classes (default $SWITCHYARD_POLICY or policies/default.yaml)')
  .addHelpText('after', `\nEntity types:\n${Object.entries(ENTITY_TYPE_DESCRIPTIONS).map(([type, description]) => `  ${type.padEnd(16)} ${description}`).join('\n')}\n\nA bad line yields {"id","line","error"} on stdout (and a message on stderr); the rest still runs; exit code 1 then.`)
  .action(async (file: string | undefined, options: { policy?: string }) => {
    const policy = await loadPolicyFile(options.policy ?? readEnvironment().policyFile);
    process.exitCode = await classifyCommand(file, await classifierFromEnvironment(), policy);
  });

program
  .command('demo')
  .description('Start the Temporal dev server and the workers, route sample requests, print what went where; stay up until Ctrl-C')
  .option('--once', 'exit after printing the table')
  .option('--verbose', "echo the worker processes' output")
  .action(async (options: { once?: boolean; verbose?: boolean }) => {
    process.exitCode = await demoCommand(options);
  });

program
  .command('doubles')
  .description('Run the model-server double (Ollama and OpenAI wire, echo answers, request log) for your own tests; stays up until Ctrl-C')
  .option('--models <names>', 'comma-separated model names it serves (default double-small,double-large)', (value: string) => value.split(',').map((name) => name.trim()).filter(Boolean))
  .option('--latency <ms>', 'delay every answer by this many milliseconds', (value: string) => Number(value))
  .option('--fail-status <status>', 'fail the first chat requests with this HTTP status (429, 500, 503, ...)', (value: string) => Number(value))
  .option('--fail-count <n>', 'how many requests --fail-status fails (default 1)', (value: string) => Number(value))
  .action(async (options: { models?: string[]; latency?: number; failStatus?: number; failCount?: number }) => {
    process.exitCode = await doublesCommand({ models: options.models, latencyMs: options.latency, failStatus: options.failStatus as never, failCount: options.failCount });
  });

program
  .command('stats')
  .description('Escalation and human-override rates per task type, from the search attributes of recent runs')
  .option('--since-hours <hours>', 'how far back to look', (value) => {
    const hours = Number(value);
    if (!(hours > 0)) throw new InvalidArgumentError('expected a positive number of hours');
    return hours;
  }, 24)
  .option('--json', 'print JSON')
  .action(async (options: { sinceHours: number; json?: boolean }) => {
    process.exitCode = await statsCommand(options);
  });

const collect = (value: string, previous: string[] = []) => [...previous, value];
const positiveInteger = (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a positive integer');
  return parsed;
};
program
  .command('ingest')
  .description('Ingest Markdown, text, HTML and PDF files (folders recursively) into a local knowledge collection; unchanged files are skipped')
  .argument('<path...>', 'files or folders')
  .option('--collection <name>', 'collection name', 'default')
  .option('--data-dir <dir>', 'where collections live (default $SWITCHYARD_KNOWLEDGE_DIR or .data/knowledge)')
  .option('--chunk-size <chars>', 'characters per chunk', positiveInteger, 800)
  .option('--chunk-overlap <chars>', 'characters shared by neighbouring chunks', (value) => Number(value), 120)
  .option('--tag <tag>', 'tag every chunk (repeatable)', collect)
  .option('--access-group <group>', 'only callers in this group see the chunks (repeatable; none = everyone)', collect)
  .option('--policy <file>', 'policy that maps entity types to data classes')
  .option('--embedder <spec>', 'lexical (default, offline), lexical:384, ollama:<model>, openai:<model>')
  .option('--rebuild', 'ignore the existing index (e.g. a corrupt one) and build the collection afresh')
  .action(async (paths: string[], options: { collection: string; dataDir?: string; chunkSize: number; chunkOverlap: number; tag?: string[]; accessGroup?: string[]; policy?: string; embedder?: string; rebuild?: boolean }) => {
    process.exitCode = await ingestCommand(paths, {
      collection: options.collection,
      dataDir: options.dataDir,
      chunkSize: options.chunkSize,
      chunkOverlap: options.chunkOverlap,
      tags: options.tag,
      accessGroups: options.accessGroup,
      policyFile: options.policy,
      embedder: options.embedder,
      rebuild: options.rebuild,
    });
  });

const topicsCommand = program.command('topics').description('Train the topic classifier on your own examples');
topicsCommand
  .command('train')
  .description('Train from JSONL ({"text","topic"} per line), print k-fold cross-validated accuracy, write the model JSON')
  .argument('<file>', 'labelled examples')
  .option('--out <file>', 'where to write the model (default: <file>.model.json beside the input)')
  .option('--folds <n>', 'cross-validation folds', (value) => {
    const folds = Number(value);
    if (!Number.isInteger(folds) || folds < 2) throw new InvalidArgumentError('expected an integer of at least 2');
    return folds;
  }, 5)
  .action(async (file: string, options: { out?: string; folds: number }) => {
    process.exitCode = await trainTopicsCommand(file, options);
  });

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) throw new InvalidArgumentError('expected a port number 1-65535');
  return parsed;
}

program
  .command('server')
  .description('Start the Temporal dev server (SQLite under .data/temporal, Web UI on port+1000) and keep it up until Ctrl-C')
  .option('--port <port>', 'gRPC port', port, 7233)
  .option('--data-dir <dir>', 'folder for the SQLite file, log and PID', '.data/temporal')
  .action(async (options: { port: number; dataDir: string }) => {
    const server = await startDevServer({ port: options.port, dataDir: options.dataDir, log: console.log });
    console.log(`Temporal dev server at ${server.address}, UI ${server.uiUrl}, log ${server.logFile}. Ctrl-C stops it.`);
    await shutdownSignal();
    await server.stop();
  });

const keysCommand = program.command('keys').description('Payload keys (AES-256-GCM) and codec-server operator tokens');
keysCommand
  .command('generate')
  .description('Add a new current payload key to a key file (created mode 0600; older keys stay), or print one for SWITCHYARD_PAYLOAD_KEYS')
  .option('--file <path>', 'key file to create or rotate (then set SWITCHYARD_PAYLOAD_KEY_FILE to it)')
  .action((options: { file?: string }) => {
    process.exitCode = keysGenerateCommand(options);
  });
keysCommand
  .command('token')
  .description('Print a random operator token for the codec server (SWITCHYARD_CODEC_TOKENS)')
  .action(() => {
    process.exitCode = keysTokenCommand();
  });
keysCommand
  .command('review-signing')
  .description('Print an Ed25519 key pair for signed review decisions (secret: review app; public: control worker)')
  .action(() => {
    process.exitCode = keysReviewSigningCommand();
  });

program
  .command('codec-server')
  .description('Serve /encode and /decode for the Temporal UI; only operators with a token (SWITCHYARD_CODEC_TOKENS) decode')
  .option('--port <port>', 'port', port, 8234)
  .option('--host <host>', 'interface', '127.0.0.1')
  .option('--ui-origin <origin>', 'the Temporal UI origin CORS lets in', 'http://localhost:8233')
  .action(async (options: { port: number; host: string; uiOrigin: string }) => {
    process.exitCode = await codecServerCommand(options);
  });

program
  .command('audit')
  .description('Read, decode and replay the histories of a time range; report every dispatch and flag violations (exit 1 on any)')
  .option('--since <time>', 'start of the range (ISO time, or hours back like 24h)', '24h')
  .option('--until <time>', 'end of the range (ISO time; default now)')
  .option('--query <visibility>', 'extra visibility query, ANDed (e.g. SwitchyardCloud = true)')
  .option('--policy <file>', 'policy whose reviewers are allowed (default $SWITCHYARD_POLICY)')
  .option('--no-replay', 'skip replaying histories against the current workflow code')
  .option('--json', 'print JSON')
  .action(async (options: { since: string; until?: string; query?: string; policy?: string; replay: boolean; json?: boolean }) => {
    process.exitCode = await auditCommand(options);
  });

registerGatewayCommand(program);
registerModelsCommand(program);

const policyCommand = program.command('policy').description('Check a routing policy or write its JSON Schema');
policyCommand
  .command('check')
  .description('Validate a policy file; print its version or every problem with file:line and path')
  .argument('[file]', 'policy file', readEnvironment().policyFile)
  .action(async (file: string) => {
    const policy = await loadPolicyFile(file);
    console.log(`${file}: valid, version ${policy.version}: ${Object.keys(policy.backends).length} backends, ${Object.keys(policy.models).length} models, ${policy.rules.length} rules`);
  });
policyCommand
  .command('schema')
  .description('Print (or write) the JSON Schema of policy files, for editors')
  .option('--out <file>', 'write to this file instead of stdout')
  .action(async (options: { out?: string }) => {
    const text = `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
    if (options.out) await writeFile(options.out, text);
    else process.stdout.write(text);
  });

program.parseAsync(process.argv).catch((error: Error) => {
  // Known errors carry a message written for the user; print it without a stack.
  console.error(`switchyard: ${error.message}`);
  process.exitCode = process.exitCode || 1;
});

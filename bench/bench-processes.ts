/**
 * Child processes of the end-to-end bench (workers, the double), each a plain `node --import tsx`
 * process so /proc/<pid>/stat holds its own CPU time, and the reading of that CPU time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A started child with the tail of what it printed, for error messages. */
export interface BenchProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  output(): string;
  /** The first stdout line matching, waited for. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Node flags for a child: SWITCHYARD_BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each child
 * into <dir>/<name> when it exits (open it in Chrome DevTools' Performance panel), to see where a
 * process's CPU per request goes.
 */
function profileFlags(name: string): string[] {
  const dir = process.env.SWITCHYARD_BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${join(dir, name.replace(/\W+/g, '-'))}`] : [];
}

/** Start `node --import tsx <script>` with extra environment, from `root` (another checkout) or this one. */
export function startTsProcess(name: string, script: string, env: NodeJS.ProcessEnv = {}, root?: string): BenchProcess {
  const child = spawn(process.execPath, [...profileFlags(name), '--import', 'tsx', script], { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start ${name} (${script})`);
  let output = '';
  const lines: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const onData = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
    for (const line of chunk.toString().split('\n')) {
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.pattern.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `${name} exited with ${signal ?? code}`));
  return {
    name,
    child,
    pid: child.pid,
    output: () => output,
    waitFor(pattern, timeoutMs = 120_000) {
      const seen = lines.find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name} did not print ${pattern} within ${timeoutMs} ms:\n${output}`)), timeoutMs);
        const check = setInterval(() => {
          if (!exited) return;
          clearInterval(check);
          clearTimeout(timer);
          reject(new Error(`${exited} before printing ${pattern}:\n${output}`));
        }, 200);
        waiters.push({ pattern, resolve: (line) => (clearTimeout(timer), clearInterval(check), resolve(line)) });
      });
    },
    async stop() {
      if (exited) return;
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(timer);
    },
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat (Linux only). */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 (1-based), i.e. 11 and 12 after the name; in clock ticks (100/s).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of this process. */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** A Prometheus text exposition as `name{labels}` → value (comments and histogram buckets skipped). */
export type ServerCounters = Map<string, number>;

/** Read the Temporal server's counters from its `/metrics` endpoint. */
export async function readServerCounters(metricsUrl: string): Promise<ServerCounters> {
  const response = await fetch(metricsUrl);
  if (!response.ok) throw new Error(`${metricsUrl} answered ${response.status}`);
  const counters: ServerCounters = new Map();
  for (const line of (await response.text()).split('\n')) {
    if (line.startsWith('#') || line.includes('_bucket{')) continue;
    const space = line.lastIndexOf(' ');
    if (space > 0) counters.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return counters;
}

/** `after - before`, summed by metric name and the value of one label (e.g. `operation`), for names matching. */
export function counterDeltas(before: ServerCounters, after: ServerCounters, name: RegExp, label: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const [key, value] of after) {
    const brace = key.indexOf('{');
    const metric = brace < 0 ? key : key.slice(0, brace);
    if (!name.test(metric)) continue;
    const labelValue = new RegExp(`[{,]${label}="([^"]*)"`).exec(key)?.[1] ?? '';
    const id = `${metric} ${labelValue}`.trim();
    sums.set(id, (sums.get(id) ?? 0) + value - (before.get(key) ?? 0));
  }
  return sums;
}

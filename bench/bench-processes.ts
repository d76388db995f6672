/**
 * Child processes of the end-to-end bench (workers, the double), each a plain `node --import tsx`
 * process so /proc/<pid>/stat holds its own CPU time, and the reading of that CPU time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

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

/** Start `node --import tsx <script>` with extra environment. */
export function startTsProcess(name: string, script: string, env: NodeJS.ProcessEnv = {}): BenchProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
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

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Preloaded into every Node process of a measured command; reports its peak RSS at exit. */
export const RSS_PROBE = fileURLToPath(new URL('./rss-probe.cjs', import.meta.url));

/** A command to time. */
export interface Command {
  /** Row label, as the command would be typed. */
  readonly label: string;
  /** Executable and arguments (no shell of our own, so the timing has no extra process). */
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Added to the inherited environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Untimed preparation before every run, e.g. removing the previous output. */
  readonly before?: () => void;
  /** Checks a finished run; returns a problem, or undefined when the run did what it should. */
  readonly verify?: (run: Run) => string | undefined;
  /** Killed (with its whole process group) after this long. */
  readonly timeoutMs?: number;
}

/** One timed run. */
export interface Run {
  readonly ms: number;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak RSS of the largest Node process of the command, KiB (what `/usr/bin/time -f %M` reports). */
  readonly maxRssKib: number;
  /** Sum of the peaks of all its Node processes, KiB: an upper bound for a chain that runs nested. */
  readonly sumRssKib: number;
  /** Node processes that reported. */
  readonly processes: number;
  /** Processes of the command still alive after it exited (killed by us). */
  readonly leftovers: boolean;
}

/** Median, spread and memory over the timed runs of one command. */
export interface Measurement {
  readonly command: Command;
  readonly runs: readonly Run[];
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly medianMaxRssKib: number;
  readonly medianSumRssKib: number;
  readonly processes: number;
  /** Why the command is not measured, when a run failed. */
  readonly failure?: string;
  /** Whether any run left processes behind (they were killed). */
  readonly leftovers: boolean;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

let current: { pid: number } | undefined;
let counter = 0;

/** Kills the process group of the command running now (on our own interruption). */
export function killCurrent(): void {
  if (current) killGroup(current.pid);
}

function killGroup(pid: number): boolean {
  try {
    process.kill(-pid, 'SIGKILL');
    return true;
  } catch {
    return false; // ESRCH: nothing left in the group
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs `command` once in its own process group, timing it from spawn to exit. */
export function runOnce(command: Command, scratch: string): Promise<Run> {
  command.before?.();
  const rssFile = join(scratch, `rss-${process.pid}-${counter++}.txt`);
  // quoted so a path with spaces survives NODE_OPTIONS parsing; inherited by every Node descendant
  const nodeOptions = [process.env.NODE_OPTIONS, `--require "${RSS_PROBE}"`].filter(Boolean).join(' ');
  const env = { ...process.env, ...command.env, NODE_OPTIONS: nodeOptions, BENCH_RSS_FILE: rssFile };
  return new Promise((resolvePromise, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const start = performance.now();
    // detached: a new process group, so the whole tree (npx → cli → sh → app) can be reaped
    const child = spawn(command.file, command.args, { cwd: command.cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    current = child.pid === undefined ? undefined : { pid: child.pid };
    let ms = 0;
    let exitCode: number | null = null;
    let signal: NodeJS.Signals | null = null;
    let leftovers = false;
    const timer = setTimeout(() => child.pid !== undefined && killGroup(child.pid), command.timeoutMs ?? 120_000);
    child.stdout.on('data', (d: Buffer) => stdout.push(d));
    child.stderr.on('data', (d: Buffer) => stderr.push(d));
    child.on('error', (e) => {
      clearTimeout(timer);
      current = undefined;
      reject(new Error(`${command.label}: cannot start ${command.file}: ${e.message}`));
    });
    child.on('exit', (code, sig) => {
      ms = performance.now() - start;
      exitCode = code;
      signal = sig;
      clearTimeout(timer);
    });
    child.on('close', () => {
      void (async () => {
        // tsx's esbuild service (a Go child) exits when its stdin closes, a moment after Node; wait for
        // the group to drain, then kill whatever would outlive the benchmark
        if (child.pid !== undefined) {
          const deadline = performance.now() + 2000;
          while (groupAlive(child.pid) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
          leftovers = killGroup(child.pid);
        }
        current = undefined;
        const peaks = readPeaks(rssFile);
        rmSync(rssFile, { force: true });
        resolvePromise({
          ms,
          exitCode,
          signal,
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8'),
          maxRssKib: Math.max(0, ...peaks),
          sumRssKib: peaks.reduce((a, b) => a + b, 0),
          processes: peaks.length,
          leftovers,
        });
      })();
    });
  });
}

function readPeaks(file: string): number[] {
  if (!existsSync(file)) return [];
  const byPid = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [pid, , rss] = line.split(' ');
    if (pid && rss) byPid.set(pid, Math.max(byPid.get(pid) ?? 0, Number(rss)));
  }
  return [...byPid.values()];
}

/** A command with its number of untimed warm-up runs and timed runs. */
export interface Plan {
  readonly command: Command;
  readonly warmups: number;
  readonly runs: number;
}

/**
 * Warm-up runs of every command, then the timed runs interleaved round by round, so a change in
 * the machine's load (other jobs on a shared box) spreads over all commands instead of skewing one.
 * A command stops at its first failed run.
 */
export async function measureAll(plans: readonly Plan[], scratch: string, progress?: (line: string) => void): Promise<Measurement[]> {
  const timed = plans.map((): Run[] => []);
  const failures: (string | undefined)[] = plans.map(() => undefined);
  const leftovers = plans.map(() => false);
  const attempt = async (i: number, keep: boolean): Promise<void> => {
    if (failures[i]) return;
    const run = await runOnce(plans[i].command, scratch);
    failures[i] = problemOf(plans[i].command, run);
    leftovers[i] ||= run.leftovers;
    if (keep) timed[i].push(run);
  };
  for (const [i, plan] of plans.entries()) {
    if (plan.warmups > 0) progress?.(`warming up: ${plan.command.label}`);
    for (let w = 0; w < plan.warmups; w++) await attempt(i, false);
  }
  const rounds = Math.max(0, ...plans.map((p) => p.runs));
  for (let round = 0; round < rounds; round++) {
    progress?.(`round ${round + 1}/${rounds} of ${plans.filter((p) => p.runs > round).length} command(s)`);
    for (const [i, plan] of plans.entries()) if (plan.runs > round) await attempt(i, true);
  }
  return plans.map((plan, i) => summarize(plan.command, failures[i] ? [] : timed[i], failures[i], leftovers[i]));
}

function summarize(command: Command, ok: Run[], failure: string | undefined, leftovers: boolean): Measurement {
  const of = (f: (r: Run) => number): number[] => ok.map(f);
  return {
    command,
    runs: ok,
    medianMs: ok.length ? median(of((r) => r.ms)) : NaN,
    minMs: ok.length ? Math.min(...of((r) => r.ms)) : NaN,
    maxMs: ok.length ? Math.max(...of((r) => r.ms)) : NaN,
    medianMaxRssKib: ok.length ? median(of((r) => r.maxRssKib)) : NaN,
    medianSumRssKib: ok.length ? median(of((r) => r.sumRssKib)) : NaN,
    processes: ok.length ? Math.max(...of((r) => r.processes)) : 0,
    failure,
    leftovers,
  };
}

function problemOf(command: Command, run: Run): string | undefined {
  if (run.signal) return `killed by ${run.signal} (timeout ${command.timeoutMs ?? 120_000} ms?)`;
  if (run.exitCode !== 0) return `exit code ${run.exitCode}: ${firstError(run.stderr) ?? tail(run.stderr || run.stdout)}`;
  return command.verify?.(run);
}

/** The last lines of some output, for an error message. */
export function tail(text: string, lines = 6): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/** The first error of some output with the lines that explain it (not the stack), e.g. ts-node's TSError. */
export function firstError(text: string): string | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /\b(TSError|error TS\d+|[A-Za-z]*Error)\b/.test(l) && !/ExperimentalWarning/.test(l));
  if (at < 0) return undefined;
  return lines.slice(at, at + 8).filter((l) => !/^\s+at /.test(l)).join('\n').trim();
}

// Running Spin on an exported model: spin -a, cc, ./pan with breadth-first search (so a
// counterexample is a shortest one, as the explorer's are). Spin is an outside program: where it
// is missing, `spinAvailable()` says why and nothing runs.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SpinRun {
  /** 'stuck' is Spin's invalid end state: the explorer's deadlock or lost wake-up. */
  verdict: 'ok' | 'violation' | 'stuck';
  /** Search depth of the counterexample (Spin counts every transition, init's too), or reached. */
  depth: number;
  states: number;
  /** Time of ./pan alone (the search), and of spin -a + cc. */
  searchMs: number;
  buildMs: number;
  output: string;
}

export function spinAvailable(): string | null {
  const spin = spawnSync('spin', ['-V'], { encoding: 'utf8' });
  if (spin.error || spin.status !== 0) return 'spin is not installed (Debian: apt-get install spin; CI installs it with scripts/ensure-system-packages.sh)';
  const cc = spawnSync('cc', ['--version'], { encoding: 'utf8' });
  if (cc.error || cc.status !== 0) return 'no C compiler (cc) to build Spin\'s verifier';
  return null;
}

export interface SpinOptions {
  /** cc optimisation: 'O0' builds fast (tests), 'O2' searches fast (benchmarks). */
  optimise?: 'O0' | 'O2';
  /** Extra -D flags for pan.c (e.g. BITSTATE). */
  defines?: string[];
  /** ./pan's -m (maximum search depth). */
  maxDepth?: number;
}

function verdictOf(output: string, searchMs: number, buildMs: number): SpinRun {
  const verdict = /errors: 0\b/.test(output) ? 'ok' : /assertion violated/.test(output) ? 'violation' : /invalid end state/.test(output) ? 'stuck' : null;
  if (!verdict) throw new Error(`could not read pan's verdict: ${output.slice(0, 500)}`);
  const depth = Number(/at depth (\d+)/.exec(output)?.[1] ?? /depth reached (\d+)/.exec(output)?.[1] ?? -1);
  const states = Number(/(\d+) states, stored/.exec(output)?.[1] ?? -1);
  return { verdict, depth, states, searchMs, buildMs, output };
}

const ccArgs = (options: SpinOptions) => [`-${options.optimise ?? 'O0'}`, '-DBFS', ...(options.defines ?? []).map((d) => `-D${d}`), '-w', '-o', 'pan', 'pan.c'];

export function runSpin(model: string, options: SpinOptions = {}): SpinRun {
  const dir = mkdtempSync(join(tmpdir(), 'lorelab-spin-'));
  try {
    writeFileSync(join(dir, 'model.pml'), model);
    const t0 = performance.now();
    const gen = spawnSync('spin', ['-a', 'model.pml'], { cwd: dir, encoding: 'utf8' });
    if (gen.status !== 0) throw new Error(`spin -a failed: ${gen.stdout}${gen.stderr}`);
    const cc = spawnSync('cc', ccArgs(options), { cwd: dir, encoding: 'utf8' });
    if (cc.status !== 0) throw new Error(`cc pan.c failed: ${cc.stderr.slice(0, 500)}`);
    const t1 = performance.now();
    const pan = spawnSync('./pan', [`-m${options.maxDepth ?? 100000}`], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const t2 = performance.now();
    return verdictOf(pan.stdout + pan.stderr, t2 - t1, t1 - t0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = promisify(execFile);

/** The same, without blocking: several models can be built and searched at once. */
export async function runSpinAsync(model: string, options: SpinOptions = {}): Promise<SpinRun> {
  const dir = mkdtempSync(join(tmpdir(), 'lorelab-spin-'));
  try {
    writeFileSync(join(dir, 'model.pml'), model);
    const t0 = performance.now();
    await run('spin', ['-a', 'model.pml'], { cwd: dir });
    await run('cc', ccArgs(options), { cwd: dir });
    const t1 = performance.now();
    // pan exits non-zero when it finds an error; its output is what matters.
    const pan = await run('./pan', [`-m${options.maxDepth ?? 100000}`], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }).catch((err: { stdout?: string; stderr?: string }) => ({ stdout: err.stdout ?? '', stderr: err.stderr ?? '' }));
    const t2 = performance.now();
    return verdictOf(pan.stdout + pan.stderr, t2 - t1, t1 - t0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

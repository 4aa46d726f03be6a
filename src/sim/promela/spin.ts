// Running Spin on an exported model: spin -a, cc, ./pan with breadth-first search (so a
// counterexample is a shortest one, as the explorer's are). Spin is an outside program: where it
// is missing, `spinAvailable()` says why and nothing runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

export function runSpin(model: string, options: SpinOptions = {}): SpinRun {
  const dir = mkdtempSync(join(tmpdir(), 'lorelab-spin-'));
  try {
    writeFileSync(join(dir, 'model.pml'), model);
    const t0 = performance.now();
    const gen = spawnSync('spin', ['-a', 'model.pml'], { cwd: dir, encoding: 'utf8' });
    if (gen.status !== 0) throw new Error(`spin -a failed: ${gen.stdout}${gen.stderr}`);
    const flags = ['-DBFS', ...(options.defines ?? []).map((d) => `-D${d}`)];
    const cc = spawnSync('cc', [`-${options.optimise ?? 'O0'}`, ...flags, '-w', '-o', 'pan', 'pan.c'], { cwd: dir, encoding: 'utf8' });
    if (cc.status !== 0) throw new Error(`cc pan.c failed: ${cc.stderr.slice(0, 500)}`);
    const t1 = performance.now();
    const pan = spawnSync('./pan', [`-m${options.maxDepth ?? 100000}`], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const t2 = performance.now();
    const output = pan.stdout + pan.stderr;
    const verdict = /errors: 0\b/.test(output) ? 'ok' : /assertion violated/.test(output) ? 'violation' : /invalid end state/.test(output) ? 'stuck' : null;
    if (!verdict) throw new Error(`could not read pan's verdict: ${output.slice(0, 500)}`);
    const depth = Number(/at depth (\d+)/.exec(output)?.[1] ?? /depth reached (\d+)/.exec(output)?.[1] ?? -1);
    const states = Number(/(\d+) states, stored/.exec(output)?.[1] ?? -1);
    return { verdict, depth, states, searchMs: t2 - t1, buildMs: t1 - t0, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

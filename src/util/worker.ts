// Starting a worker thread from a module next to the caller. Built, the module is plain
// JavaScript; under tsx (tests, benchmarks) it is TypeScript and needs tsx's loader, which a
// worker does not inherit.
//
// A worker inherits the process's Node options, and some only make sense for the main script:
// with `--input-type=module` (as in `node --input-type=module -e '…'`) every worker started from
// a file dies at once ("--input-type can only be used with string input"). lorelab's workers
// fall back to the main thread when they fail, so this went unnoticed for a while and halved
// the ingest rate the benchmark measured (its ingest ran that way).
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Options of the main script, with the value they take: never given to a worker. */
const MAIN_SCRIPT_ONLY = new Set(['--input-type', '-e', '--eval', '-p', '--print']);

/** The process's Node options a worker can take. */
export function workerExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const option = execArgv[i]!;
    const name = option.split('=', 1)[0]!;
    if (!MAIN_SCRIPT_ONLY.has(name)) kept.push(option);
    else if (!option.includes('=')) i++; // its value is the next argument
  }
  return kept;
}

/**
 * Starts `name` (without extension) from the folder of the module at `callerUrl`. Options a
 * worker refuses are left out: Node will not start a worker with V8's own options in its
 * execArgv (`node --max-old-space-size=4096 …`, `--trace-gc`, `--expose-gc`: "invalid execArgv
 * flags"), and those options are the whole process's anyway.
 */
export function startWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  const withArgv = { execArgv: workerExecArgv(), ...options };
  try {
    return startWith(callerUrl, name, withArgv);
  } catch (error) {
    const refused = refusedOptions(error);
    if (refused.length === 0) throw error;
    return startWith(callerUrl, name, { ...withArgv, execArgv: (withArgv.execArgv ?? []).filter((option) => !refused.includes(option)) });
  }
}

function startWith(callerUrl: string, name: string, options: WorkerOptions): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const script = new URL(`./${name}.ts`, callerUrl).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** The options named by Node's ERR_WORKER_INVALID_EXEC_ARGV ("…invalid execArgv flags: --a, --b"). */
export function refusedOptions(error: unknown): string[] {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code !== 'ERR_WORKER_INVALID_EXEC_ARGV' || !message) return [];
  const flags = message.indexOf('flags:'); // an option may hold a colon itself (host:port)
  const listed = message.slice(flags >= 0 ? flags + 'flags:'.length : message.lastIndexOf(':') + 1);
  return listed.split(/[,\s]+/).filter((option) => option.startsWith('-'));
}

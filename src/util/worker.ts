// Starting a worker thread from a module next to the caller. Built, the module is plain
// JavaScript; under tsx (tests, benchmarks) it is TypeScript and needs tsx's loader, which a
// worker does not inherit.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Starts `name` (without extension) from the folder of the module at `callerUrl`. */
export function startWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const script = new URL(`./${name}.ts`, callerUrl).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

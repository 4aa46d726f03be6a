// Planning links in a worker thread, so that it overlaps the ingest's last passes on the other
// core. Planning reads every new patch's diff; only one decision needs the threads (is a patch
// a sibling part of a declared patch's series, in its thread?). So the worker starts as the
// threading pass does, reads and scores everything meanwhile, and finishes once it is told the
// threads are placed (link.ts: startPlan, finishPlan). Started only after threading, it was
// still planning when quotes and series were done, and the run waited for it.
//
// The worker reads committed data on its own connection (WAL: readers never wait for the
// writer). If it fails, the caller links the usual way: a broken worker costs time, not links.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../util/worker.js';
import type { LinkPlan } from './link.js';

/** The planning worker's old generation, MB (a heap over it ends the worker: linking then runs here). */
const PLAN_HEAP_MB = 96;

export interface PlanInWorker {
  /** Resolves once the worker is told the threads are placed and has finished. */
  plan: Promise<LinkPlan>;
  /** The threads are placed (and committed): the worker may finish its plan. */
  threadsPlaced(): void;
  /** Stops the worker if it is still running (the plan then rejects). */
  cancel(): void;
}

/**
 * The plan for the patches above `since` in the database at `path`, made in a worker. Without
 * `waitForThreads` the threads are taken as placed already.
 */
export function planLinksInWorker(path: string, since?: number, options: { waitForThreads?: boolean } = {}): PlanInWorker {
  let worker: Worker;
  try {
    worker = startWorker(import.meta.url, 'plan-worker', {
      workerData: { path, since, waitForThreads: options.waitForThreads ?? false },
      // What the plan keeps is small (links, would-be siblings); what it reads is garbage at once.
      // Left to grow, its heap sat beside the main thread's at the end of a run: the run's peak.
      resourceLimits: { maxOldGenerationSizeMb: PLAN_HEAP_MB },
    });
  } catch (error) {
    const plan = Promise.reject(new Error(`link planning worker could not start: ${(error as Error).message}`));
    plan.catch(() => undefined);
    return { plan, threadsPlaced: () => undefined, cancel: () => undefined };
  }
  const plan = new Promise<LinkPlan>((resolve, reject) => {
    worker.once('message', (reply: { plan?: LinkPlan; error?: string }) => {
      if (reply.plan) resolve(reply.plan);
      else reject(new Error(reply.error ?? 'link planning failed'));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`link planning worker exited (${code})`)));
  });
  plan.catch(() => undefined); // the caller decides what a failure means, when it asks
  return {
    plan,
    threadsPlaced: () => worker.postMessage('threads-placed'),
    cancel: () => void worker.terminate(),
  };
}

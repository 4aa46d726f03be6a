// A worker thread that plans links on its own read-only connection and sends the plan back:
// { plan } or { error }. With waitForThreads it reads and scores everything first, then waits
// for 'threads-placed' before the decisions that need the threads. See plan-in-worker.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnly } from '../store/open.js';
import { finishPlan, startPlan } from './link.js';

const { path, since, waitForThreads } = workerData as { path: string; since?: number; waitForThreads: boolean };
const threadsPlaced = new Promise<void>((resolve) => {
  if (!waitForThreads) resolve();
  parentPort!.on('message', (message) => {
    if (message === 'threads-placed') resolve();
  });
});

try {
  const db = openReadOnly(path);
  try {
    const started = startPlan(db, { since });
    await threadsPlaced;
    parentPort!.postMessage({ plan: finishPlan(db, started) });
  } finally {
    db.close();
  }
} catch (error) {
  parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
}

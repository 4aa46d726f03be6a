// A worker thread that plans links (planLinks) on its own read-only connection and sends the
// plan back: { plan } or { error }. See plan-in-worker.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnly } from '../store/open.js';
import { planLinks } from './link.js';

const { path, since } = workerData as { path: string; since?: number };
try {
  const db = openReadOnly(path);
  try {
    parentPort!.postMessage({ plan: planLinks(db, { since }) });
  } finally {
    db.close();
  }
} catch (error) {
  parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
}

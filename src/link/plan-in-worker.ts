// Planning links in a worker thread, so that it overlaps the ingest's last passes (quotes and
// series: linking needs only the threads). Those passes run on the main thread and leave the
// other core idle; planning reads every new patch's diff and was as long as they were
// (100,000 synthetic messages: links 12 s, quotes 14 s, one after the other).
//
// The worker reads committed data on its own connection (WAL: readers never wait for the
// writer). If it fails, the caller links the usual way: a broken worker costs time, not links.
import { startWorker } from '../util/worker.js';
import type { LinkPlan } from './link.js';

/** The plan for the patches above `since` in the database at `path`, made in a worker. */
export function planLinksInWorker(path: string, since?: number): Promise<LinkPlan> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(import.meta.url, 'plan-worker', { workerData: { path, since } });
    worker.once('message', (reply: { plan?: LinkPlan; error?: string }) => {
      if (reply.plan) resolve(reply.plan);
      else reject(new Error(reply.error ?? 'link planning failed'));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`link planning worker exited (${code})`)));
  });
}

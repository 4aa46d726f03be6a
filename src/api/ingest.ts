// An ingest as `lorelab ingest` runs it: the inputs and the passes (src/ingest/), then every new
// patch linked to the race scenarios (src/link/). With many new patches the links are planned in
// a worker while the passes run; the plan is finished once the threads are placed (see
// src/link/plan-in-worker.ts).
import { ingest, type IngestOptions, type IngestSummary, type PassName } from '../ingest/ingest.js';
import { linkPatches, planLinksInWorker, type PlanInWorker } from '../link/index.js';
import type { DB } from '../store/open.js';

/** What the ingest did, and how long linking patches to scenarios took (when it ran). */
export type IngestAndLinkSummary = IngestSummary & { linkSeconds?: number };

export type IngestAndLinkOptions = Omit<IngestOptions, 'onPass'> & {
  /** Told when each pass starts and ends: the ingest's passes, then 'links'. */
  onPass?: (pass: PassName | 'links', state: 'start' | 'end') => void;
};

export async function ingestAndLink(db: DB, inputs: string[], options: IngestAndLinkOptions = {}): Promise<IngestAndLinkSummary> {
  let planning = null as PlanInWorker | null;
  try {
    const lastPatch = (db.prepare('SELECT max(id) FROM patches').pluck().get() as number | null) ?? 0;
    const onPass = (pass: PassName, state: 'start' | 'end') => {
      options.onPass?.(pass, state);
      if (pass === 'threads' && state === 'start' && newPatches(db, lastPatch) >= WORKER_PATCHES) {
        planning = planLinksInWorker(db.name, lastPatch, { waitForThreads: true });
      }
      if (pass === 'threads' && state === 'end') planning?.threadsPlaced();
    };
    const summary: IngestAndLinkSummary = await ingest(db, inputs, { ...options, onPass });
    // Every patch gets an answer to "which race is this?" as soon as it is stored: the new ones.
    if (summary.new + summary.filledStubs + summary.deleted > 0) {
      options.onPass?.('links', 'start');
      const started = performance.now();
      const plan = planning ? await planning.plan.catch((error: Error) => {
        process.emitWarning(`link planning worker failed (${error.message}): planning in the main thread`, { code: 'LORELAB_WORKER' });
        return undefined;
      }) : undefined;
      linkPatches(db, { since: lastPatch, plan });
      summary.linkSeconds = (performance.now() - started) / 1000;
      options.onPass?.('links', 'end');
    }
    return summary;
  } finally {
    planning?.cancel(); // a run stopped before linking leaves no worker behind
  }
}

/** New patches from which planning links in a worker pays for starting it. */
const WORKER_PATCHES = 2000;

function newPatches(db: DB, after: number): number {
  return db.prepare('SELECT count(*) FROM patches WHERE id > ?').pluck().get(after) as number;
}

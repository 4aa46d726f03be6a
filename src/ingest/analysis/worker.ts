// A worker thread of the analysis pool: raw bytes in, an Analysis (or the error) out.
// At most LANES jobs are under way at once, in arrival order: parsing is asynchronous, and started
// all at once a worker held every queued message half-parsed in memory. One lane at a time left
// the thread idle between parser steps; four was as fast as unbounded in `npm run bench`.
import { parentPort } from 'node:worker_threads';
import type { Origin } from '../../sources/types.js';
import { analyzeHere } from './pool.js';
import { collectAfterLargeMail } from '../v8/collect-garbage.js';

interface Job {
  id: number;
  raw: Uint8Array;
  origin: Origin;
}

const queue: Job[] = [];
const LANES = 4;
let running = 0;

// Loaded (this runs after every import): the pool sends work from now on, and analyses in its
// own thread meanwhile, rather than waiting a few hundred ms for this.
parentPort?.postMessage({ ready: true });

parentPort?.on('message', (job: Job) => {
  queue.push(job);
  if (running < LANES) void drain();
});

async function drain(): Promise<void> {
  running++;
  for (let job = queue.shift(); job; job = queue.shift()) {
    const raw = Buffer.from(job.raw.buffer, job.raw.byteOffset, job.raw.byteLength);
    try {
      parentPort!.postMessage({ id: job.id, record: await analyzeHere(raw, job.origin) });
    } catch (error) {
      parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
    }
    collectAfterLargeMail(raw.length);
  }
  running--;
}

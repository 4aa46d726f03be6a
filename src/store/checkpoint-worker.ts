// A worker thread that copies a database's WAL into its file (a passive checkpoint) on its own
// connection, then reports { log, checkpointed } (WAL frames) or { error }. See checkpoint.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { checkpointNow } from './checkpoint.js';

const { path } = workerData as { path: string };
try {
  parentPort!.postMessage(checkpointNow(path));
} catch (error) {
  parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
}

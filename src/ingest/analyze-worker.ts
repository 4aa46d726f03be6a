// A worker thread of the analysis pool: raw bytes in, a MessageRecord (or the error) out.
import { parentPort } from 'node:worker_threads';
import { parseMail } from '../mail/parse.js';
import type { Origin } from '../sources/types.js';
import { analyzeMail } from './analyze.js';

interface Job {
  id: number;
  raw: Uint8Array;
  origin: Origin;
}

parentPort?.on('message', (job: Job) => {
  const raw = Buffer.from(job.raw.buffer, job.raw.byteOffset, job.raw.byteLength);
  parseMail(raw)
    .then((mail) => parentPort!.postMessage({ id: job.id, record: analyzeMail(mail, job.origin, raw) }))
    .catch((error: unknown) => parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) }));
});

// Parsing and analysis are the CPU-heavy part of ingest: a pool of worker threads does them
// while the main thread reads sources and writes the database. Small inputs never start the
// pool (starting a worker costs more than a few messages).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parseMail } from '../mail/parse.js';
import type { Origin } from '../sources/types.js';
import type { MessageRecord } from '../store/types.js';
import { analyzeMail } from './analyze.js';

export interface Analyzer {
  analyze(raw: Buffer, origin: Origin): Promise<MessageRecord>;
  close(): Promise<void>;
}

/** Messages analysed in-process before the pool starts. */
const WARM_UP = 64;

export function defaultJobs(): number {
  const fromEnv = Number(process.env.LORELAB_JOBS);
  if (Number.isInteger(fromEnv) && fromEnv >= 0) return fromEnv;
  return Math.min(availableParallelism(), 4);
}

export function createAnalyzer(jobs = defaultJobs()): Analyzer {
  let seen = 0;
  let pool: WorkerPool | null = null;
  return {
    analyze(raw, origin) {
      seen++;
      if (jobs > 0 && seen > WARM_UP) {
        pool ??= new WorkerPool(jobs);
        return pool.run(raw, origin);
      }
      return parseMail(raw).then((mail) => analyzeMail(mail, origin, raw));
    },
    async close() {
      await pool?.close();
    },
  };
}

type Pending = { resolve: (r: MessageRecord) => void; reject: (e: Error) => void };

class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private turn = 0;

  constructor(size: number) {
    // Under tsx (tests, `node --import tsx`) the sources are .ts; built, they are .js.
    const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
    const script = new URL(`./analyze-worker.${extension}`, import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script);
      worker.on('message', (reply: { id: number; record?: MessageRecord; error?: string }) => {
        const waiting = this.pending.get(reply.id);
        if (!waiting) return;
        this.pending.delete(reply.id);
        if (reply.record) waiting.resolve(reply.record);
        else waiting.reject(new Error(reply.error ?? 'analysis failed'));
      });
      worker.on('error', (error) => this.failAll(error));
      this.workers.push(worker);
    }
  }

  run(raw: Buffer, origin: Origin): Promise<MessageRecord> {
    const id = this.next++;
    const worker = this.workers[this.turn++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, raw, origin });
    });
  }

  private failAll(error: Error): void {
    for (const [id, waiting] of this.pending) {
      this.pending.delete(id);
      waiting.reject(error);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

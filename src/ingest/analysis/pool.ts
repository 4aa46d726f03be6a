// Parsing and analysis are the CPU-heavy part of ingest: a pool of worker threads does them
// while the main thread reads sources and writes the database. Small inputs never start the
// pool (starting a worker costs more than a few messages), and a pool that fails falls back
// to analysing in this thread (with a process warning), so a broken worker can slow a run down
// but never stall it.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../util/worker.js';
import { parseMail } from '../../mail/parse.js';
import type { Origin } from '../../sources/types.js';
import { analyzeMail, type Analysis } from './analyze-mail.js';

export interface Analyzer {
  analyze(raw: Buffer, origin: Origin): Promise<Analysis>;
  /**
   * Resolves once a worker can take messages (false: no pool, or it failed). A worker takes a
   * few hundred ms to load its modules; until one is ready, messages are analysed here.
   */
  ready(): Promise<boolean>;
  /**
   * How many messages an input will hand over for analysis, when that is known before reading
   * it (ingest tells the new commits of a git source). A large number starts the pool at once,
   * so the worker loads its modules while this thread opens the source: otherwise this thread
   * analyses the first few hundred messages itself, compiling all of that code a second time,
   * in the isolate that then only discusses and writes.
   */
  expect(messages: number | null): void;
  /** Messages handed to the workers so far. */
  readonly pooled: number;
  close(): Promise<void>;
}

/** Messages analysed in-process before the pool starts. */
const WARM_UP = 64;

export function defaultJobs(): number {
  const fromEnv = Number(process.env.LORELAB_JOBS);
  if (process.env.LORELAB_JOBS !== undefined && Number.isInteger(fromEnv) && fromEnv >= 0) return fromEnv;
  // The main thread reads and writes all the time: it counts as one of the cores. On the 2-core
  // bench machine one worker beat two on both archives (less contention) and used less memory.
  return Math.max(1, Math.min(availableParallelism() - 1, 4));
}

/** Parse and analyse one message in this thread (what each worker does, too). To: and Cc: are not read: the graph stores no recipients. */
export function analyzeHere(raw: Buffer, origin: Origin): Promise<Analysis> {
  return parseMail(raw, { recipients: false }).then((mail) => analyzeMail(mail, origin));
}

export function createAnalyzer(jobs = defaultJobs(), options: { warmUp?: number; startWorker?: () => Worker } = {}): Analyzer {
  let seen = 0;
  let pool: WorkerPool | null = null;
  const warmUp = options.warmUp ?? WARM_UP;
  const startPool = () => (pool ??= new WorkerPool(jobs, options.startWorker ?? startAnalysisWorker));
  return {
    analyze(raw, origin) {
      seen++;
      if (jobs > 0 && (pool || seen > warmUp)) {
        const started = startPool();
        if (!started.broken && started.isReady) return started.run(raw, origin);
      }
      return analyzeHere(raw, origin);
    },
    expect(messages) {
      if (jobs > 0 && messages !== null && messages > warmUp) startPool();
    },
    ready: () => (pool ? pool.ready : Promise.resolve(false)),
    get pooled() {
      return pool?.pooled ?? 0;
    },
    async close() {
      await pool?.close();
      pool = null;
      jobs = 0; // closed: anything analysed later is analysed here
    },
  };
}

type Pending = { raw: Buffer; origin: Origin; resolve: (r: Analysis) => void; reject: (e: Error) => void };

type Reply = { ready: true } | { id: number; record?: Analysis; error?: string };

class WorkerPool {
  private readonly workers: Worker[] = [];
  /** The workers that said they are ready (modules loaded), in that order: the ones given work. */
  private readonly readyWorkers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private turn = 0;
  broken = false;
  pooled = 0;
  private settleReady!: (ready: boolean) => void;
  readonly ready = new Promise<boolean>((resolve) => (this.settleReady = resolve));

  constructor(size: number, start: () => Worker) {
    for (let i = 0; i < size; i++) {
      let worker: Worker;
      try {
        worker = start();
      } catch (error) {
        this.fallBack(`could not start: ${(error as Error).message}`);
        return;
      }
      worker.on('message', (reply: Reply) => {
        if ('ready' in reply) {
          this.readyWorkers.push(worker);
          this.settleReady(!this.broken);
          return;
        }
        const waiting = this.pending.get(reply.id);
        if (!waiting) return;
        this.pending.delete(reply.id);
        if (reply.record) waiting.resolve(reply.record);
        else waiting.reject(new Error(reply.error ?? 'analysis failed'));
      });
      worker.on('error', (error) => this.fallBack(error.message));
      worker.on('exit', (code) => this.fallBack(`exited (code ${code})`));
      this.workers.push(worker);
    }
  }

  get isReady(): boolean {
    return this.readyWorkers.length > 0;
  }

  run(raw: Buffer, origin: Origin): Promise<Analysis> {
    const id = this.next++;
    this.pooled++;
    const worker = this.readyWorkers[this.turn++ % this.readyWorkers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { raw, origin, resolve, reject });
      worker.postMessage({ id, raw, origin });
    });
  }

  /** A worker failed or exited: stop using the pool and analyse what it held here. */
  private fallBack(why: string): void {
    if (this.broken) return;
    this.broken = true;
    this.settleReady(false);
    // Nothing is lost, but the run is about half as fast: say so (stderr, or process 'warning').
    process.emitWarning(`analysis worker failed (${why}): analysing in the main thread from now on, which is slower`, { code: 'LORELAB_WORKER' });
    for (const [id, job] of this.pending) {
      this.pending.delete(id);
      analyzeHere(job.raw, job.origin).then(job.resolve, job.reject);
    }
    for (const worker of this.workers) worker.removeAllListeners('exit').terminate().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.broken = true;
    this.settleReady(false);
    await Promise.all(this.workers.map((w) => w.removeAllListeners('exit').terminate()));
  }
}

function startAnalysisWorker(): Worker {
  return startWorker(import.meta.url, 'worker');
}

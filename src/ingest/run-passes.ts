// The passes over the graph after the inputs (src/passes/), in their order, each timed and
// started on a clean heap.
import type { DB } from '../store/open.js';
import { attributePendingQuotes } from '../passes/quote-pass.js';
import { rebuildSeries } from '../passes/series-pass.js';
import { rebuildThreads } from '../passes/thread-pass.js';
import type { IngestOptions, IngestPasses, PassName } from './types.js';
import { collectGarbage } from './v8/collect-garbage.js';

export function runPasses(db: DB, onPass?: IngestOptions['onPass']): IngestPasses {
  const pass = <T extends object>(name: PassName, run: () => T): T & { seconds: number } => {
    collectGarbage(); // each pass reads the whole graph: start each on a clean heap
    onPass?.(name, 'start');
    const started = performance.now();
    const result = { ...run(), seconds: (performance.now() - started) / 1000 };
    onPass?.(name, 'end');
    return result;
  };
  const passes: IngestPasses = {};
  passes.threads = pass('threads', () => rebuildThreads(db));
  passes.quotes = pass('quotes', () => db.transaction(() => attributePendingQuotes(db))()); // needs the thread: see passes/quote-pass.ts
  passes.series = pass('series', () => rebuildSeries(db));
  return passes;
}

/** Unplaced messages or unattributed quotes from an earlier run: its passes never finished. */
export function passesLeftOver(db: DB): boolean {
  return db.prepare(`SELECT EXISTS (SELECT 1 FROM messages WHERE thread IS NULL AND stub_origin IS NOT 'reference')
      OR EXISTS (SELECT 1 FROM quote_pending)`).pluck().get() === 1;
}

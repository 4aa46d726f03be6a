// The home page's data: what the database holds, its busiest threads, the most touched
// functions, and the races the simulator knows.
import type { DB } from '../../store/open.js';
import { graphSummary, type GraphSummary } from '../../query/summary.js';
import { listScenarios } from '../../sim/index.js';

export interface HomeView {
  summary: GraphSummary;
  recentThreads: Array<{ rootMessageId: string; subject: string | null; lastDate: string | null; messages: number; patches: number }>;
  /** Functions by the number of hunks that touch them. */
  topFunctions: Array<{ name: string; hunks: number }>;
  races: Array<{ id: string; title: string; variants: number }>;
}

const cache = new WeakMap<DB, { dataVersion: number; view: HomeView }>();

/**
 * The home page reads every hunk symbol (a second on 36,000 messages), so it is kept until the
 * database changes: SQLite's data_version moves when another connection (an ingest) commits.
 */
export function loadHomeCached(db: DB): HomeView {
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  let entry = cache.get(db);
  if (entry?.dataVersion !== dataVersion) {
    entry = { dataVersion, view: loadHome(db) };
    cache.set(db, entry);
  }
  return entry.view;
}

export function loadHome(db: DB): HomeView {
  const recentThreads = (db.prepare(`SELECT root_message_id, subject, last_date, message_count, patch_count FROM threads
      ORDER BY last_date DESC, id DESC LIMIT 20`).all() as Array<Record<string, any>>)
    .map((t) => ({ rootMessageId: t.root_message_id, subject: t.subject, lastDate: t.last_date, messages: t.message_count, patches: t.patch_count }));
  const topFunctions = db.prepare(`SELECT symbol AS name, count(*) AS hunks FROM hunk_symbols
     WHERE kind = 'function' GROUP BY symbol ORDER BY hunks DESC, symbol LIMIT 20`).all() as HomeView['topFunctions'];
  const races = listScenarios().map((s) => ({ id: s.id, title: s.title, variants: s.variants.length }));
  return { summary: graphSummary(db), recentThreads, topFunctions, races };
}

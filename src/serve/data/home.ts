// The home page's data: what the database holds, its busiest threads, the most touched
// functions, and the races the simulator knows.
import type { DB } from '../../store/open.js';
import { graphSummary, type GraphSummary } from '../../query/summary.js';
import { listScenarios } from '../../sim/index.js';

export interface HomeView {
  summary: GraphSummary;
  recentThreads: Array<{ rootMessageId: string; subject: string | null; lastDate: string | null; messages: number; patches: number }>;
  topFunctions: Array<{ name: string; patches: number }>;
  races: Array<{ id: string; title: string; variants: number }>;
}

export function loadHome(db: DB): HomeView {
  const recentThreads = (db.prepare(`SELECT root_message_id, subject, last_date, message_count, patch_count FROM threads
      ORDER BY last_date DESC, id DESC LIMIT 20`).all() as Array<Record<string, any>>)
    .map((t) => ({ rootMessageId: t.root_message_id, subject: t.subject, lastDate: t.last_date, messages: t.message_count, patches: t.patch_count }));
  const topFunctions = db.prepare(`SELECT hs.symbol AS name, count(DISTINCT pf.patch) AS patches
      FROM hunk_symbols hs JOIN hunks h ON h.id = hs.hunk JOIN patch_files pf ON pf.id = h.patch_file
     WHERE hs.kind = 'function' GROUP BY hs.symbol ORDER BY patches DESC, hs.symbol LIMIT 20`).all() as HomeView['topFunctions'];
  const races = listScenarios().map((s) => ({ id: s.id, title: s.title, variants: s.variants.length }));
  return { summary: graphSummary(db), recentThreads, topFunctions, races };
}

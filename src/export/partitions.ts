// Which list and epoch each row of the graph belongs to, for hive-style partitions
// (`list=linux-mm/epoch=3/`). A copy of a message belongs where it was read (its source and
// locator); a message, where its primary copy was read; every row about a message (patches,
// mentions, quotes, …, and their children) goes with the message. The list is the name of the
// source (an inbox folder, an mbox file), the epoch the `epoch=N` of a public-inbox locator, else 0.
// Stubs (no copy anywhere) go to list `none`, epoch 0.
import { basename } from 'node:path';
import type { DB } from '../store/open.js';

export const NO_LIST = 'none';

export function listOfSource(path: string | null): string {
  if (!path) return NO_LIST;
  const name = basename(path.replace(/\/+$/, '').replace(/\/git\/\d+\.git$/, '')) || NO_LIST;
  return name.replace(/[^A-Za-z0-9_.+-]/g, '_');
}

export function epochOfLocator(locator: string | null): number {
  const match = /(?:^| )epoch=(\d+)/.exec(locator ?? '');
  return match ? Number(match[1]) : 0;
}

/** How to find each table's list and epoch: a SELECT over the table (alias t) giving `list` and `epoch`. */
export type PartitionRule = { by: 'message'; key: string } | { by: 'copy'; source: string; locator: string } | { by: 'none' };

/** Tables not tied to one message are written whole: meta, sources, people, person_names, scenarios, scenario_runs. */
export const PARTITION_RULES: Record<string, { join?: string; rule: PartitionRule }> = {
  messages: { rule: { by: 'message', key: 't.message_id' } },
  message_bodies: { join: 'JOIN messages k ON k.id = t.id', rule: { by: 'message', key: 'k.message_id' } },
  messages_fts: { join: 'JOIN messages k ON k.id = t.rowid', rule: { by: 'message', key: 'k.message_id' } },
  message_sources: { join: 'LEFT JOIN sources k ON k.id = t.source', rule: { by: 'copy', source: 'k.path', locator: 't.locator' } },
  ingest_errors: { rule: { by: 'copy', source: 't.source', locator: 't.locator' } },
  message_references: { rule: { by: 'message', key: 't.message_id' } },
  attachments: { rule: { by: 'message', key: 't.message_id' } },
  patches: { rule: { by: 'message', key: 't.message_id' } },
  pull_requests: { rule: { by: 'message', key: 't.message_id' } },
  mentions: { rule: { by: 'message', key: 't.message_id' } },
  review_trailers: { rule: { by: 'message', key: 't.message_id' } },
  quote_pending: { rule: { by: 'message', key: 't.message_id' } },
  quotes: { rule: { by: 'message', key: 't.message_id' } },
  trailers: { rule: { by: 'message', key: 't.message_id' } },
  series_messages: { rule: { by: 'message', key: 't.message_id' } },
  patch_files: { join: 'JOIN patches k ON k.id = t.patch', rule: { by: 'message', key: 'k.message_id' } },
  hunks: { join: 'JOIN patch_files kf ON kf.id = t.patch_file JOIN patches k ON k.id = kf.patch', rule: { by: 'message', key: 'k.message_id' } },
  hunk_symbols: {
    join: 'JOIN hunks kh ON kh.id = t.hunk JOIN patch_files kf ON kf.id = kh.patch_file JOIN patches k ON k.id = kf.patch',
    rule: { by: 'message', key: 'k.message_id' },
  },
  symbol_renames: { join: 'JOIN patches k ON k.id = t.patch', rule: { by: 'message', key: 'k.message_id' } },
  patch_scenarios: { join: 'JOIN patches k ON k.id = t.patch', rule: { by: 'message', key: 'k.message_id' } },
  threads: { rule: { by: 'message', key: 't.root_message_id' } },
  series: { rule: { by: 'message', key: `COALESCE(t.cover_message_id, (SELECT sm.message_id FROM series_messages sm WHERE sm.series = t.id ORDER BY sm.part LIMIT 1))` } },
  series_versions: { rule: { by: 'message', key: `(SELECT COALESCE(s.cover_message_id, (SELECT sm.message_id FROM series_messages sm WHERE sm.series = s.id ORDER BY sm.part LIMIT 1)) FROM series s WHERE s.id = t.series)` } },
};

/** A temporary table of every message's list and epoch (from its primary copy), for the rules above. */
export function preparePartitions(db: DB): void {
  db.function('lorelab_list', { deterministic: true }, (path: unknown) => listOfSource(path as string | null));
  db.function('lorelab_epoch', { deterministic: true }, (locator: unknown) => epochOfLocator(locator as string | null));
  db.exec(`DROP TABLE IF EXISTS temp.message_partition;
    CREATE TEMP TABLE message_partition(message_id TEXT PRIMARY KEY, list TEXT NOT NULL, epoch INTEGER NOT NULL) WITHOUT ROWID;
    INSERT OR IGNORE INTO temp.message_partition
      SELECT m.message_id, lorelab_list(s.path), lorelab_epoch(c.locator)
      FROM messages m
      LEFT JOIN message_sources c ON c.id = (SELECT c2.id FROM message_sources c2 WHERE c2.message_id = m.message_id ORDER BY c2.is_primary DESC, c2.id LIMIT 1)
      LEFT JOIN sources s ON s.id = c.source;`);
}

/** The SELECT that reads a table with its list and epoch (or without, when it is written whole). */
export function partitionedSelect(table: string, columns: string[]): { sql: string; partitioned: boolean } {
  const spec = PARTITION_RULES[table];
  const cols = columns.map((c) => (table === 'messages_fts' && c === 'id' ? 't.rowid AS id' : `t."${c}"`)).join(', ');
  if (!spec) return { sql: `SELECT ${cols} FROM "${table}" t`, partitioned: false };
  const { rule } = spec;
  const join = spec.join ?? '';
  if (rule.by === 'copy') {
    return { sql: `SELECT ${cols}, lorelab_list(${rule.source}) AS list, lorelab_epoch(${rule.locator}) AS epoch FROM "${table}" t ${join}`, partitioned: true };
  }
  if (rule.by === 'message') {
    return {
      sql: `SELECT ${cols}, COALESCE(p.list, '${NO_LIST}') AS list, COALESCE(p.epoch, 0) AS epoch FROM "${table}" t ${join}
            LEFT JOIN temp.message_partition p ON p.message_id = ${rule.key}`,
      partitioned: true,
    };
  }
  return { sql: `SELECT ${cols} FROM "${table}" t`, partitioned: false };
}

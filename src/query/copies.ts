// Where the stored copies of a message came from (for `lorelab raw`): primary copy first.
import type { DB } from '../store/open.js';
import type { Origin, SourceFormat } from '../sources/types.js';
import { QueryError } from './named.js';
import { messageIdFromArgument } from '../util/message-id.js';

export function copiesOf(db: DB, messageId: string): Origin[] {
  const id = messageIdFromArgument(messageId);
  const rows = db
    .prepare(`SELECT s.path, s.format, ms.locator FROM message_sources ms JOIN sources s ON s.id = ms.source
              WHERE ms.message_id = ? ORDER BY ms.is_primary DESC, ms.id`)
    .all(id) as Array<{ path: string; format: string; locator: string }>;
  if (rows.length === 0) {
    const known = db.prepare('SELECT is_stub FROM messages WHERE message_id = ?').get(id) as { is_stub: number } | undefined;
    throw new QueryError(known ? `<${id}> is a stub: only an overview or a reference names it, no copy is stored` : `no message with Message-ID <${id}>`);
  }
  return rows.map((r) => ({ source: r.path, format: r.format as SourceFormat, locator: r.locator }));
}

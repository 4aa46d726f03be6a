// A message row as threading reads it, and the ThreadInput it becomes. Shared by the pass that
// splits the graph into independent groups (thread-groups.ts) and the pass that threads each
// group (thread-pass.ts), so both follow exactly the same links.
import type { ThreadInput } from '../thread/index.js';

export interface ThreadRow {
  id: number;
  message_id: string;
  subject: string | null;
  date: string | null;
  is_stub: number;
  stub_origin: string | null;
  in_reply_to: string | null;
  /** JSON array of the References ids, in order. */
  refs: string;
  overview_parent: string | null;
}

/** Columns of `messages m` that make a ThreadRow (append to a SELECT list). */
export const THREAD_ROW_COLUMNS = `m.id, m.message_id, m.subject, m.date, m.is_stub, m.stub_origin, m.in_reply_to,
  (SELECT json_group_array(ref_message_id) FROM (SELECT ref_message_id FROM message_references r
     WHERE r.message_id = m.message_id AND r.kind = 'references' ORDER BY ordinal)) AS refs,
  (SELECT ref_message_id FROM message_references r WHERE r.message_id = m.message_id AND r.kind = 'overview') AS overview_parent`;

/**
 * 'reference' stubs are rows made for ids that only others name: threading makes its own
 * placeholders for those, so they are never an input.
 */
export function isThreadInput(row: Pick<ThreadRow, 'stub_origin'>): boolean {
  return row.stub_origin !== 'reference';
}

export function toThreadInput(row: ThreadRow, extra: Pick<ThreadInput, 'author' | 'hasPatch'> = {}): ThreadInput {
  const stub = row.is_stub === 1;
  const references = JSON.parse(row.refs) as string[];
  // A filled-in stub whose own headers name no parent keeps the place the overview showed.
  const headerless = !row.in_reply_to && references.length === 0;
  return {
    messageId: row.message_id,
    subject: row.subject,
    date: row.date,
    inReplyTo: !stub && headerless ? row.overview_parent : row.in_reply_to,
    references,
    stub,
    parentMessageId: stub ? row.overview_parent : undefined,
    ...extra,
  };
}

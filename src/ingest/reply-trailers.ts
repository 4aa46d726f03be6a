// Review trailers given in replies, stored onto the patches they answer (trailers.in_reply = 1,
// message_id = the reply). A reply answers the nearest ancestor that is a patch or a cover
// letter; on a cover letter the trailer applies to every patch of the series.
import { answeredMessage, reviewTrailersIn } from '../patch/series/index.js';
import type { DB } from '../store/open.js';

/** Deletes and re-collects every reply trailer; returns how many rows were stored. Needs series_messages. */
export function collectReplyTrailers(db: DB): number {
  db.prepare('DELETE FROM trailers WHERE in_reply = 1').run();
  const parentOf = new Map<string, string | null>();
  for (const row of db.prepare('SELECT message_id, parent_message_id FROM messages').iterate() as Iterable<{ message_id: string; parent_message_id: string | null }>) {
    parentOf.set(row.message_id, row.parent_message_id);
  }
  const patchesOf = new Map<string, number[]>();
  for (const row of db.prepare("SELECT id, message_id FROM patches WHERE origin <> 'quoted' ORDER BY message_id, ordinal").iterate() as Iterable<{ id: number; message_id: string }>) {
    const ids = patchesOf.get(row.message_id);
    if (ids) ids.push(row.id);
    else patchesOf.set(row.message_id, [row.id]);
  }
  // A cover letter stands for the patches of its series.
  for (const row of db.prepare(`SELECT c.message_id AS cover, json_group_array(p.id) AS patches
      FROM series_messages c JOIN series_messages m ON m.series = c.series AND m.role = 'patch'
      JOIN patches p ON p.message_id = m.message_id AND p.origin <> 'quoted'
      WHERE c.role = 'cover' GROUP BY c.message_id`).iterate() as Iterable<{ cover: string; patches: string }>) {
    patchesOf.set(row.cover, JSON.parse(row.patches) as number[]);
  }

  const replies = db.prepare(`SELECT m.message_id, m.parent_message_id, b.body FROM messages m JOIN message_bodies b ON b.id = m.id
      WHERE m.is_stub = 0 AND m.parent_message_id IS NOT NULL
        AND (b.body LIKE '%Reviewed-by:%' OR b.body LIKE '%Acked-by:%' OR b.body LIKE '%Tested-by:%' OR b.body LIKE '%Reviewed-and-tested-by:%')`)
    .iterate() as Iterable<{ message_id: string; parent_message_id: string; body: string | null }>;
  // Bodies are read one at a time and only their trailers kept (inserting waits for the scan to end).
  const found = Array.from(replies, (reply) => ({ messageId: reply.message_id, parent: reply.parent_message_id, trailers: reviewTrailersIn(reply.body) }));
  const insert = db.prepare(`INSERT INTO trailers(message_id, patch, name, value, person_name, person_email, in_reply)
      VALUES (?, ?, ?, ?, ?, ?, 1)`);
  let stored = 0;
  for (const { messageId, parent, trailers } of found) {
    // A message with a diff of its own is a patch: its trailers are its own, not a review.
    if (patchesOf.has(messageId)) continue;
    if (trailers.length === 0) continue;
    const answered = answeredMessage(parent, (id) => parentOf.get(id) ?? null, (id) => patchesOf.has(id));
    if (!answered) continue;
    for (const patch of patchesOf.get(answered) ?? []) {
      for (const t of trailers) {
        insert.run(messageId, patch, t.name, t.value, t.personName, t.personEmail);
        stored++;
      }
    }
  }
  return stored;
}

// `lorelab sim new --from-patch`: a patch of the store → its draft race file. The patch is one
// diff of a message (`patch`, 1-based; else the first); with `source`, a git repository the patch
// applies to, the threads come from the touched functions whole (source-functions.ts), else from
// the hunks' lines alone.
import type { DB } from '../store/open.js';
import { readPatchFacts } from './patch-facts.js';
import { raceDraft, skeletonTarget } from './skeleton.js';
import { lockUses } from './lock-uses.js';
import { wholeFunctions } from './source-functions.js';

export type PatchDraft = { ok: true; id: string; text: string; notes: string[] } | { ok: false; error: string };

export async function draftFromStore(db: DB, messageId: string, options: { patch?: number; source?: string; id?: string } = {}): Promise<PatchDraft> {
  const ids = (db.prepare('SELECT id FROM patches WHERE message_id = ? ORDER BY ordinal').all(messageId) as { id: number }[]).map((r) => r.id);
  const target = skeletonTarget(readPatchFacts(db, ids), messageId, options.patch);
  if (typeof target === 'string') return { ok: false, error: target };
  let facts = target;
  const notes: string[] = [];
  if (options.source !== undefined) {
    const raw = (db.prepare('SELECT raw FROM patches WHERE id = ?').get(target.id) as { raw: string }).raw;
    const whole = await wholeFunctions(raw, options.source);
    if (!whole.ok) return whole;
    notes.push(...whole.notes);
    facts = { ...target, touched: whole.touched, hunks: whole.hunks, locks: lockUses(whole.hunks) };
  }
  const draft = raceDraft(facts, options.id);
  return draft.ok ? { ...draft, notes } : draft;
}

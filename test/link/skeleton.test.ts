// `lorelab sim new --from-patch`: the draft race file names the patch's threads and locks, loads
// with the race-file loader as is, and every variant of it explores to a verdict; a patch with no
// synchronisation the kernel model knows gets no draft.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPatchFacts, type PatchFacts } from '../../src/link/patch-facts.js';
import { raceDraft, skeletonTarget } from '../../src/link/skeleton.js';
import { explore } from '../../src/sim/engine/explore.js';
import { scenarioFromText } from '../../src/sim/race-file/load.js';
import { corpusDb } from '../helpers/corpus.js';

const corpus = await corpusDb();
test.after(() => corpus.cleanup());

function patchesOf(patchId: string) {
  const row = corpus.db.prepare('SELECT message_id FROM patches WHERE patch_id = ?').get(patchId) as { message_id: string };
  const ids = (corpus.db.prepare('SELECT id FROM patches WHERE message_id = ? ORDER BY ordinal').all(row.message_id) as { id: number }[]).map((r) => r.id);
  return { messageId: row.message_id, patches: readPatchFacts(corpus.db, ids) };
}

test("Andrea's patch: threads do_no_page and vmtruncate, their locks and sequence count, before/after from the diff", () => {
  const { messageId, patches } = patchesOf('802f446eafb91b63159993238bbc15d878d7bcb8');
  const target = skeletonTarget(patches, messageId);
  assert.ok(typeof target !== 'string');
  const draft = raceDraft(target);
  assert.ok(draft.ok, draft.ok ? '' : draft.error);
  for (const expected of ['  vmtruncate:', '  do_no_page:', 'spin_lock(&mm->page_table_lock)', 'fr_read_begin(&mapping->truncate_lock)', 'down(&inode->i_sem)', 'truncate_lock: 0', '[added by the patch]', '- remove:', 'invariants:    # defaults for the adversary']) {
    assert.ok(draft.text.includes(expected), `missing ${expected}`);
  }
  const scenario = scenarioFromText(draft.text, `${draft.id}.race.yaml`);
  assert.deepEqual(scenario.variants.map((v) => v.name), ['after', 'before']);
  const after = scenario.variants[0].build();
  assert.ok(after.threads.some((t) => t.name === 'do_no_page') && after.threads.some((t) => t.name === 'vmtruncate'));
});

test('every seed patch with synchronisation gives a draft that loads and whose variants explore to a verdict', () => {
  let drafts = 0;
  for (const row of corpus.db.prepare('SELECT id FROM patches ORDER BY id').all() as { id: number }[]) {
    const [facts] = readPatchFacts(corpus.db, [row.id]);
    const draft = raceDraft(facts!);
    if (!draft.ok) {
      assert.match(draft.error, /touches nothing the kernel model knows/);
      assert.equal(facts!.locks.length === 0 || facts!.locks.every((u) => u.kind === 'page-flag' || !u.fn), true, draft.error);
      continue;
    }
    drafts++;
    const scenario = scenarioFromText(draft.text, `${draft.id}.race.yaml`);
    for (const v of scenario.variants) assert.equal(explore(v.build()).complete, true, `${draft.id}/${v.name}`);
  }
  assert.ok(drafts >= 3, `${drafts} drafts`);
});

test('a patch that touches nothing the kernel model knows gets no draft, and says so', () => {
  const plain: PatchFacts = {
    id: 1, messageId: 'doc@example.org', ordinal: 1, origin: 'inline', subject: 'Documentation: fix a typo', author: null, patchId: null,
    version: null, part: null, partTotal: null, thread: null, touched: [], mentioned: [], called: [], hunks: [{ fn: null, lines: ['-teh', '+the'] }], locks: [], lines: [],
  };
  const draft = raceDraft(plain);
  assert.equal(draft.ok, false);
  assert.match(draft.ok ? '' : draft.error, /touches nothing the kernel model knows/);
});

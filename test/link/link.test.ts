// Linking on the seed corpus ingested into a temp database: declared links by patch-id and by
// Message-ID, same-series and candidate links on chosen declarations, the two queries, and
// replay with its stored runs and its bad input.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { linkPatches, planLinks } from '../../src/link/link.js';
import { planLinksInWorker } from '../../src/link/plan-in-worker.js';
import { readPatchFacts } from '../../src/link/patch-facts.js';
import { replayPatch } from '../../src/link/replay.js';
import { allScenarios } from '../../src/link/sim-port.js';
import { findQuery, runNamedQuery } from '../../src/query/named.js';
import { corpusDb } from '../helpers/corpus.js';

const corpus = await corpusDb();
after(() => corpus.cleanup());
const db = corpus.db;
const LINUS = 'CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com';
const ANDREA_PATCH_ID = '802f446eafb91b63159993238bbc15d878d7bcb8';

test('every seed patch is declared to its scenario, by patch-id or Message-ID', () => {
  const summary = linkPatches(db);
  assert.equal(summary.unlinked, 0);
  const links = db.prepare(`SELECT p.patch_id, p.message_id, ps.scenario, ps.how FROM patch_scenarios ps JOIN patches p ON p.id = ps.patch WHERE ps.how = 'declared'`).all() as { patch_id: string; message_id: string; scenario: string }[];
  assert.deepEqual(links.find((l) => l.patch_id === ANDREA_PATCH_ID)?.scenario, 'truncate-nopage');
  assert.equal(links.filter((l) => l.message_id === LINUS && l.scenario === 'map-pages-lock').length, 4);
  assert.equal((db.prepare('SELECT count(*) AS n FROM scenarios').get() as { n: number }).n, allScenarios().length);
});

test('same-series: the other parts of a declared patch\'s message; candidates: changed lines where the race lives', () => {
  const mapPages = allScenarios().find((s) => s.id === 'map-pages-lock')!;
  const truncate = allScenarios().find((s) => s.id === 'truncate-nopage')!;
  // Declare only patch 4 of Linus' series (and forget the scenario's Message-ID).
  const summary = linkPatches(db, {
    scenarios: [{ ...mapPages, messageIds: [] }, truncate],
    declarations: { 'map-pages-lock': { patchIds: ['5875aba3067b9f9c7562b1fe000405af0bbf089e'], messageIds: [], threads: [], note: '' } },
  });
  const rows = db.prepare(`SELECT p.ordinal, p.message_id, ps.scenario, ps.how, ps.score, ps.overlap FROM patch_scenarios ps JOIN patches p ON p.id = ps.patch ORDER BY p.id`).all() as
    { ordinal: number; message_id: string; scenario: string; how: string; score: number | null; overlap: string }[];
  const linus = rows.filter((r) => r.message_id === LINUS && r.scenario === 'map-pages-lock');
  assert.deepEqual(linus.map((r) => [r.ordinal, r.how]), [[1, 'same-series'], [2, 'same-series'], [3, 'same-series'], [4, 'declared']]);
  // Andrea's patch is no longer declared: it touches do_no_page and vmtruncate, so it is a candidate.
  const andrea = rows.find((r) => r.scenario === 'truncate-nopage' && r.how === 'candidate' && JSON.parse(r.overlap).touched.includes('do_no_page'));
  assert.ok(andrea, 'Andrea\'s patch should be a truncate-nopage candidate');
  assert.ok(andrea.score! > 0.5 && andrea.score! <= 1);
  assert.ok(JSON.parse(andrea.overlap).locks.includes('page_table_lock'));
  const evidence = JSON.parse((db.prepare('SELECT evidence FROM patch_scenarios WHERE patch = (SELECT id FROM patches WHERE patch_id = ?) AND scenario = ?')
    .get(ANDREA_PATCH_ID, 'truncate-nopage') as { evidence: string }).evidence) as { function: string; operation: string; side: string; line: string; step: string }[];
  assert.ok(evidence.some((e) => e.function === 'do_no_page' && e.operation === 'seqcount-read:truncate_lock' && e.side === 'added'
    && /fr_read_begin\(&mapping->truncate_lock\)/.test(e.line) && e.step.startsWith('fault step 2:')), JSON.stringify(evidence));
  assert.ok(summary.unlinked >= 1, 'Ingo\'s patch models nothing here and must be counted as unlinked');
  // A patch at a time: the declared patch is read first, so its series is found from any page.
  const allRows = db.prepare('SELECT patch, scenario, how, score, overlap FROM patch_scenarios ORDER BY patch, scenario').all();
  const paged = linkPatches(db, {
    scenarios: [{ ...mapPages, messageIds: [] }, truncate],
    declarations: { 'map-pages-lock': { patchIds: ['5875aba3067b9f9c7562b1fe000405af0bbf089e'], messageIds: [], threads: [], note: '' } },
    pageSize: 1,
  });
  assert.deepEqual(paged, summary);
  assert.deepEqual(db.prepare('SELECT patch, scenario, how, score, overlap FROM patch_scenarios ORDER BY patch, scenario').all(), allRows);
  linkPatches(db);
});

test('a patch that only calls a modelled function (and shares a lock) links nowhere', () => {
  // A call is not a change to the code the race lives in: only lines inside the modelled function count.
  const facts = readPatchFacts(db);
  const caller = facts.find((p) => p.locks.length > 0 && p.called.some((f) => !p.touched.includes(f) && !p.mentioned.includes(f)));
  assert.ok(caller, 'the seed corpus should have a patch calling a function it neither touches nor names');
  const fn = caller.called.find((f) => !caller.touched.includes(f) && !caller.mentioned.includes(f))!;
  const lock = caller.locks[0]!.name;
  const base = allScenarios()[0]!;
  const code = [{ function: fn, operation: `lock:${lock}`, step: 'caller step 1: takes the lock' }];
  const plan = planLinks(db, { scenarios: [{ ...base, messageIds: [], functions: [fn], locks: [lock], code }], declarations: {} });
  assert.equal(plan.links.find((l) => l.patch === caller.id), undefined);
  // The patches that link nowhere still count, as unlinked.
  assert.equal(plan.summary.patches, facts.length);
  assert.equal(plan.summary.unlinked, facts.length - new Set(plan.links.map((l) => l.patch)).size);
});

test('query patch-races gives every patch an answer, also when nothing links to it', () => {
  // Only the seeds: a catalogue race that models do_wp_page's COW may score on Ingo's patch too.
  linkPatches(db, { scenarios: allScenarios().filter((s) => s.seed && s.id !== 'futex-cow-fork') });
  const query = findQuery('patch-races');
  const ingo = db.prepare(`SELECT message_id FROM patches WHERE patch_id = 'eab97fce29e27b64ce6e4849ca3b862da073709a'`).get() as { message_id: string };
  const rows = runNamedQuery(db, query, { message_id: `<${ingo.message_id}>` });
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.scenario, null);
  assert.match(String(rows[0]!.answer), /no scenario models this yet/);
  linkPatches(db);
  const linus = runNamedQuery(db, query, { message_id: LINUS });
  assert.deepEqual(linus.map((r) => r.patch), [1, 2, 3, 4]);
  assert.ok(linus.every((r) => /modelled by map-pages-lock/.test(String(r.answer))));
});

test('query races --fn do_no_page finds truncate-nopage and Andrea\'s patch', () => {
  const rows = runNamedQuery(db, findQuery('races'), { fn: 'do_no_page' });
  assert.ok(rows.length > 0);
  assert.ok(rows.every((r) => r.scenario === 'truncate-nopage'), JSON.stringify(rows.map((r) => r.scenario)));
  assert.ok(rows.some((r) => r.how === 'declared' && r.patch === 1));
});

test('replay runs every variant, stores the runs, and finds the shortest counterexample', () => {
  const before = (db.prepare('SELECT count(*) AS n FROM scenario_runs').get() as { n: number }).n;
  const report = replayPatch(db, { patchId: ANDREA_PATCH_ID });
  assert.equal(report.scenario.id, 'truncate-nopage');
  assert.equal(report.how, 'declared');
  assert.deepEqual(report.surprises, []);
  assert.equal(report.counterexample?.variant, 'before');
  assert.equal(report.counterexample?.invariant, 'no-orphan-pte');
  assert.ok(report.counterexample!.trace.length >= 5);
  assert.equal(report.runs.find((r) => r.variant === 'frlock')?.verdict, 'ok');
  const stored = db.prepare('SELECT variant, verdict, schedule FROM scenario_runs WHERE id > 0 ORDER BY id DESC LIMIT ?').all(report.runs.length) as { variant: string; verdict: string; schedule: string | null }[];
  assert.equal((db.prepare('SELECT count(*) AS n FROM scenario_runs').get() as { n: number }).n, before + report.runs.length);
  assert.equal(stored.find((r) => r.variant === 'before')?.schedule, report.counterexample!.schedule);
  assert.equal(stored.find((r) => r.variant === 'frlock')?.schedule, null);
});

test('replay picks the patch a scenario models most directly, and honours --patch', () => {
  assert.equal(replayPatch(db, { messageId: LINUS }).patch.ordinal, 1);
  assert.equal(replayPatch(db, { messageId: LINUS, patch: 4 }).patch.ordinal, 4);
  // The Message-ID as users paste it: a lore URL, "id:", angle brackets.
  assert.equal(replayPatch(db, { messageId: `https://lore.kernel.org/linux-mm/${encodeURIComponent(LINUS)}/T/#u`, patch: 4 }).patch.ordinal, 4);
  assert.equal(replayPatch(db, { messageId: `id:${LINUS}`, patch: 4 }).patch.ordinal, 4);
  assert.equal(replayPatch(db, { messageId: `<${LINUS}>`, patch: 4 }).patch.ordinal, 4);
});

test('bad input is a one-line user-facing error', () => {
  const cases: [object, RegExp][] = [
    [{ messageId: 'nobody@example.invalid' }, /no message <nobody@example.invalid>/],
    [{ patchId: '0'.repeat(40) }, /no patch with patch-id/],
    [{ messageId: LINUS, patch: 9 }, /has patches 1, 2, 3, 4, not 9/],
    [{ patchId: ANDREA_PATCH_ID, schedule: '0.0.7' }, /does not fit|names no thread/],
    [{ patchId: ANDREA_PATCH_ID, schedule: '1.1.1.1.1.1.1' }, /does not fit|without a violation/],
    [{ patchId: ANDREA_PATCH_ID, scenario: 'no-such-race' }, /no scenario 'no-such-race'/],
  ];
  for (const [target, message] of cases) {
    assert.throws(() => replayPatch(db, target), (err: Error & { userFacing?: boolean }) => err.userFacing === true && message.test(err.message));
  }
  linkPatches(db, { scenarios: [] });
  assert.throws(() => replayPatch(db, { patchId: ANDREA_PATCH_ID }), /no scenario models patch 1/);
  linkPatches(db);
});

test('patch facts: locks, sequence counts and page flags from the hunk lines', () => {
  const [andrea] = readPatchFacts(db, [(db.prepare('SELECT id FROM patches WHERE patch_id = ?').get(ANDREA_PATCH_ID) as { id: number }).id]);
  const uses = andrea!.locks.map((u) => `${u.sign}${u.fn}:${u.name}:${u.op}`);
  assert.ok(uses.includes('+do_no_page:truncate_lock:sample'), uses.join(' '));
  assert.ok(uses.includes(' do_no_page:page_table_lock:take'));
  assert.ok(uses.includes('+do_no_page:i_sem:take'));
  assert.ok(uses.includes('+vmtruncate:truncate_lock:take'));
});

test('after an ingest only the new patches are linked; a new declared patch or changed declarations link everything again', () => {
  const rows = () => db.prepare('SELECT patch, scenario, how, score, overlap FROM patch_scenarios ORDER BY patch, scenario').all();
  const last = db.prepare('SELECT max(id) FROM patches').pluck().get() as number;
  const total = db.prepare('SELECT count(*) FROM patches').pluck().get() as number;
  // Every seed patch is declared: the newest one arriving links everything (its series may be older).
  const before = (linkPatches(db), rows());
  const declaredNew = linkPatches(db, { since: last - 1 });
  assert.deepEqual({ full: declaredNew.full, patches: declaredNew.patches }, { full: true, patches: total });
  assert.deepEqual(rows(), before);

  // Without declarations, links are scores: a new patch is linked alone, old links stay.
  const undeclared = { scenarios: allScenarios().map((s) => ({ ...s, messageIds: [] })), declarations: {} };
  const everything = (linkPatches(db, undeclared), rows());
  const none = linkPatches(db, { ...undeclared, since: last });
  assert.deepEqual({ full: none.full, patches: none.patches }, { full: false, patches: 0 });
  assert.deepEqual(rows(), everything);
  const one = linkPatches(db, { ...undeclared, since: last - 1 });
  assert.deepEqual({ full: one.full, patches: one.patches }, { full: false, patches: 1 });
  assert.deepEqual(rows(), everything);

  // Other scenarios or declarations than last time: every patch again.
  const changed = linkPatches(db, { since: last });
  assert.deepEqual({ full: changed.full, patches: changed.patches }, { full: true, patches: total });
  assert.deepEqual(rows(), before);
});

test('links planned in a worker, on its own connection while this one writes, are the links planned here', async () => {
  const rows = () => db.prepare('SELECT patch, scenario, how, score, overlap FROM patch_scenarios ORDER BY patch, scenario').all();
  const expected = (linkPatches(db), rows());
  const here = planLinks(db);
  assert.ok(here.links.length > 0 && here.summary.patches > 0);
  // A write under way on the main connection (as quotes and series are during an ingest): the
  // worker reads the last committed state and is not blocked by it.
  db.exec('BEGIN IMMEDIATE');
  db.prepare('DELETE FROM patch_scenarios').run();
  let plan;
  try {
    plan = await planLinksInWorker(corpus.path).plan;
  } finally {
    db.exec('ROLLBACK');
  }
  assert.deepEqual(plan, here);
  db.prepare('DELETE FROM patch_scenarios').run();
  assert.deepEqual(linkPatches(db, { plan }), here.summary);
  assert.deepEqual(rows(), expected);
  await assert.rejects(planLinksInWorker(`${corpus.path}.missing`).plan, /no database/);
  // Started before the threads are placed (as lorelab ingest starts it), it finishes once told.
  const waiting = planLinksInWorker(corpus.path, undefined, { waitForThreads: true });
  waiting.threadsPlaced();
  assert.deepEqual(await waiting.plan, here);
  // Cancelled (a run that stopped), it ends and its plan rejects.
  const cancelled = planLinksInWorker(corpus.path, undefined, { waitForThreads: true });
  cancelled.cancel();
  await assert.rejects(cancelled.plan);
});

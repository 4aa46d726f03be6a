// Outcomes upstream: a kernel-like repository built here with real git, a series mailed from it
// with git format-patch (v1 of five patches, v2 of one), and the repository's maintainer applying
// some of them as mailed, one after its context moved and its spacing changed, a later version
// of one, a rewritten one under the same subject, and one never. Every outcome is checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ingest } from '../../src/ingest/ingest.js';
import { openDatabase, type DB } from '../../src/store/open.js';
import { landUpstream, UpstreamError } from '../../src/upstream/index.js';
import { findQuery, runNamedQuery } from '../../src/query/named.js';
import { showMessage } from '../../src/query/show.js';
import { describeOutcome } from '../../src/query/landed.js';
import { lorelab, tempDir } from '../helpers/corpus.js';

const ANN = ['-c', 'user.name=Ann Author', '-c', 'user.email=ann@example.org'];
const MAINTAINER = ['-c', 'user.name=Mae Tainer', '-c', 'user.email=mae@example.org'];

function git(dir: string, who: string[], ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...who, ...args], { encoding: 'utf8' });
}

const FILES = ['a', 'b', 'c', 'd', 'e'];
function source(name: string, value: string): string {
  return [`/* mm/${name}.c */`, '', `int ${name}_fault(int x)`, '{', `\tif (x)`, `\t\treturn ${value};`, '\treturn 0;', '}', ''].join('\n');
}

const dir = tempDir('lorelab-upstream-');
const dev = join(dir.path, 'dev');
const kernel = join(dir.path, 'kernel');
const mails = join(dir.path, 'mails');
let db: DB;
const dbFile = join(dir.path, 'graph.db');

/** Commits one file change as Ann on the dev repository. */
function annCommit(name: string, value: string, subject: string): void {
  writeFileSync(join(dev, 'mm', `${name}.c`), source(name, value));
  git(dev, ANN, 'commit', '-q', '-a', '-m', subject, '-m', 'Why it matters.', '-m', 'Signed-off-by: Ann Author <ann@example.org>');
}

/** git format-patch with a cover letter titled for the series; the files' text, in order. */
function formatPatch(range: string, out: string, extra: string[], version: string): string[] {
  mkdirSync(out, { recursive: true });
  git(dev, ANN, 'format-patch', '-q', '--thread', '--cover-letter', '-o', out, ...extra, range);
  return readdirSync(out).sort().map((f) => {
    const path = join(out, f);
    // Cover letters' Message-IDs are the time in seconds: two series mailed in one second share one.
    const text = readFileSync(path, 'utf8')
      .replace('*** SUBJECT HERE ***', 'mm: fault path fixes')
      .replace('*** BLURB HERE ***', 'Five small fixes.')
      .replaceAll('<cover.', `<cover-${version}.`);
    writeFileSync(path, text);
    return path;
  });
}

let v1: string[];
let v2: string[];

before(async () => {
  // The tree at v1.0, with one file per patch so that each applies alone.
  mkdirSync(join(dev, 'mm'), { recursive: true });
  git(dev, ANN, 'init', '-q', '-b', 'master');
  for (const name of FILES) writeFileSync(join(dev, 'mm', `${name}.c`), source(name, '1'));
  git(dev, ANN, 'add', '.');
  git(dev, ANN, 'commit', '-q', '-m', 'Initial tree');
  execFileSync('git', ['clone', '-q', dev, kernel]);
  git(kernel, MAINTAINER, 'tag', '-a', 'v1.0', '-m', 'v1.0');

  // v1: five patches.
  git(dev, ANN, 'checkout', '-q', '-b', 'v1');
  annCommit('a', '2', 'mm/a: return 2 from a_fault');
  annCommit('b', '-EAGAIN', 'mm/b: retry b_fault');
  annCommit('c', 'x - 1', 'mm/c: count down in c_fault');
  annCommit('d', 'x * 2', 'mm/d: double d_fault');
  annCommit('e', '42', 'mm/e: answer in e_fault');
  v1 = formatPatch('master..v1', join(mails, 'v1'), [], 'v1');
  // v2 of patch 3 only, its content changed after review.
  git(dev, ANN, 'checkout', '-q', '-b', 'v2', 'master');
  annCommit('c', 'x > 1 ? x - 1 : 0', 'mm/c: count down in c_fault');
  v2 = formatPatch('master..v2', join(mails, 'v2'), ['-v2'], 'v2');
  writeFileSync(join(dir.path, 'series.mbox'), [...v1, ...v2].map((f) => readFileSync(f, 'utf8')).join('\n'));

  // The maintainer: A as mailed (git am), then v1.1.
  git(kernel, MAINTAINER, 'am', '-q', v1[1]!);
  git(kernel, MAINTAINER, 'tag', '-a', 'v1.1', '-m', 'v1.1');
  // B after its context moved (lines added above) and with its spacing changed by hand.
  writeFileSync(join(kernel, 'mm', 'b.c'), `// SPDX-License-Identifier: GPL-2.0\n#include <linux/mm.h>\n\n${source('b', '1')}`);
  git(kernel, MAINTAINER, 'commit', '-q', '-a', '-m', 'mm/b: add the licence line');
  writeFileSync(join(kernel, 'mm', 'b.c'), readFileSync(join(kernel, 'mm', 'b.c'), 'utf8').replace('\t\treturn 1;', '\t\treturn  -EAGAIN ;'));
  git(kernel, MAINTAINER, 'commit', '-q', '-a', '--author=Ann Author <ann@example.org>', '-m', 'mm/b: retry b_fault');
  // C as its v2; D rewritten under the same subject; E never.
  git(kernel, MAINTAINER, 'am', '-q', v2[1]!);
  writeFileSync(join(kernel, 'mm', 'd.c'), source('d', 'x << 1'));
  git(kernel, MAINTAINER, 'commit', '-q', '-a', '--author=Ann Author <ann@example.org>', '-m', 'mm/d: double d_fault');
  git(kernel, MAINTAINER, 'tag', '-a', 'v1.2', '-m', 'v1.2');

  db = openDatabase(dbFile);
  await ingest(db, [join(dir.path, 'series.mbox')]);
});

after(() => {
  db?.close();
  dir.cleanup();
});

function messageIdOf(file: string): string {
  return /^Message-Id: <([^>]+)>/im.exec(readFileSync(file, 'utf8'))![1]!;
}

function outcomeOf(file: string): string {
  const shown = showMessage(db, messageIdOf(file));
  assert.equal(shown.patches.length, 1, file);
  return describeOutcome(shown.patches[0]!.outcome!);
}

function commitOf(subject: string): string {
  return git(kernel, [], 'log', '--format=%H', '--author=Ann', `--grep=^${subject}$`, '-n', '1').trim();
}

test('every mailed patch gets its outcome: as mailed, moved and respaced, a later version, same subject only, never', async () => {
  const summary = await landUpstream(db, kernel);
  assert.equal(summary.commitsRead, Number(git(kernel, [], 'rev-list', '--count', '--no-merges', 'HEAD').trim()));
  assert.equal(summary.patches, 6);

  const a = commitOf('mm/a: return 2 from a_fault');
  const b = commitOf('mm/b: retry b_fault');
  const c = commitOf('mm/c: count down in c_fault');
  const d = commitOf('mm/d: double d_fault');
  // B's commit is not the mailed diff: other line numbers, other spacing; patch-id --stable is the same.
  const bCommitDiff = git(kernel, [], 'show', '--format=', b);
  assert.doesNotMatch(bCommitDiff, /@@ -3,6 \+3,6 @@/);
  assert.match(readFileSync(v1[2]!, 'utf8'), /@@ -3,6 \+3,6 @@/);

  assert.equal(outcomeOf(v1[1]!), `merged as ${a.slice(0, 12)} (first in v1.1)`);
  assert.equal(outcomeOf(v1[2]!), `merged as ${b.slice(0, 12)} (first in v1.2)`);
  assert.equal(outcomeOf(v1[3]!), `merged as ${c.slice(0, 12)} (first in v1.2) in a later version`);
  assert.equal(outcomeOf(v2[1]!), `merged as ${c.slice(0, 12)} (first in v1.2)`);
  assert.equal(outcomeOf(v1[4]!), `probably merged as ${d.slice(0, 12)} (first in v1.2): same subject and author, the content differs`);
  assert.equal(outcomeOf(v1[5]!), 'not found upstream');
  assert.deepEqual(summary.landed, { 'patch-id': 3, 'later-version': 1, subject: 1 });
  assert.equal(summary.notFound, 1);

  // Cover letters carry no patch, and so no outcome.
  assert.deepEqual(showMessage(db, messageIdOf(v1[0]!)).patches, []);

  // The named query: one row per mailed patch, NULL where nothing landed.
  const rows = runNamedQuery(db, findQuery('landed'), {});
  assert.equal(rows.length, 6);
  const notFound = runNamedQuery(db, findQuery('landed'), { how: 'none' });
  assert.deepEqual(notFound.map((r) => [r.message_id, r.commit_id]), [[messageIdOf(v1[5]!), null]]);
  const later = runNamedQuery(db, findQuery('landed'), { how: 'later-version' });
  assert.deepEqual(later.map((r) => [r.message_id, r.commit_id, r.first_tag]), [[messageIdOf(v1[3]!), c, 'v1.2']]);

  // Every non-merge commit is stored with git's own patch-id.
  const stored = db.prepare('SELECT commit_id, patch_id FROM upstream_commits WHERE commit_id = ?').get(b) as { patch_id: string };
  const gitId = execFileSync('git', ['-C', kernel, 'patch-id', '--stable'], { input: git(kernel, [], 'show', b), encoding: 'utf8' }).split(' ')[0];
  assert.equal(stored.patch_id, gitId);
});

test('a second scan reads only the commits added since, and finds what they landed', async () => {
  git(kernel, MAINTAINER, 'am', '-q', v1[5]!);
  writeFileSync(join(kernel, 'mm', 'a.c'), source('a', '3'));
  git(kernel, MAINTAINER, 'commit', '-q', '-a', '-m', 'mm/a: return 3');
  const known = db.prepare('SELECT count(*) FROM upstream_commits').pluck().get() as number;
  const summary = await landUpstream(db, kernel);
  assert.equal(summary.commitsRead, 2);
  assert.equal(summary.commitsKnown, known + 2);
  const e = commitOf('mm/e: answer in e_fault');
  assert.equal(outcomeOf(v1[5]!), `merged as ${e.slice(0, 12)} (in no tag yet)`);
  assert.equal((await landUpstream(db, kernel)).commitsRead, 0);
  assert.equal(db.prepare('SELECT head FROM upstream_repos').pluck().get(), git(kernel, [], 'rev-parse', 'HEAD').trim());
});

test('a --source that is no repository, a shallow clone or an empty repository: a clear error, nothing stored', async () => {
  const shallow = join(dir.path, 'shallow');
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${kernel}`, shallow]);
  const empty = join(dir.path, 'empty');
  execFileSync('git', ['init', '-q', empty]);
  const plain = join(dir.path, 'mails');
  const fresh = tempDir('lorelab-upstream-bad-');
  try {
    const freshDb = openDatabase(join(fresh.path, 'g.db'));
    await ingest(freshDb, [join(dir.path, 'series.mbox')]);
    for (const [path, message] of [[plain, /not a git repository/], [shallow, /shallow clone/], [empty, /no commits/], [join(dir.path, 'nope'), /no such file/]] as const) {
      await assert.rejects(landUpstream(freshDb, path), (e: unknown) => e instanceof UpstreamError && message.test(e.message));
    }
    for (const table of ['upstream_repos', 'upstream_commits', 'patch_landed']) {
      assert.equal(freshDb.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), 0, table);
    }
    freshDb.close();
  } finally {
    fresh.cleanup();
  }
});

test('the command line: landed --json, show prints the outcome, history takes --source; a bad --source exits 2 and leaves the database untouched', () => {
  const landed = lorelab(['--db', dbFile, 'landed', '--source', kernel, '--json']);
  assert.equal(landed.status, 0, landed.stderr);
  const summary = JSON.parse(landed.stdout) as { landed: Record<string, number>; notFound: number; commitsRead: number };
  assert.deepEqual(summary.landed, { 'patch-id': 4, 'later-version': 1, subject: 1 });
  assert.equal(summary.notFound, 0);
  assert.equal(summary.commitsRead, 0);

  const show = lorelab(['--db', dbFile, 'show', messageIdOf(v1[3]!)]);
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, /^ {2}outcome: merged as [0-9a-f]{12} \(first in v1\.2\) in a later version$/m);

  const before = statSync(dbFile).mtimeMs;
  const bad = lorelab(['--db', dbFile, 'landed', '--source', join(dir.path, 'mails')]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^lorelab: --source .*: not a git repository/);
  const badShow = lorelab(['--db', dbFile, 'show', messageIdOf(v1[3]!), '--source', join(dir.path, 'empty')]);
  assert.equal(badShow.status, 2);
  assert.match(badShow.stderr, /^lorelab: --source .*: the repository has no commits/);
  assert.equal(statSync(dbFile).mtimeMs, before);

  const history = lorelab(['--db', dbFile, 'history', 'c_fault', '--source', kernel]);
  assert.match(history.stderr, /0 new commits read/);
});

// `lorelab am` end to end: a series mailed from a real repository with git format-patch (v1 and
// v2, each with a cover letter), review replies, ingest, `lorelab am`, a real `git am`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gitIn, lorelab, tempDir } from '../helpers/corpus.js';
import { baseRepo, commit, formatPatches, type MailedPatch } from '../helpers/git-series.js';
import { withTrailers } from '../../src/patch/am-message.js';

const dir = tempDir();
const repo = join(dir.path, 'repo');
const mails = join(dir.path, 'mails');
let base = '';
let v1: MailedPatch[] = [];
let v2: MailedPatch[] = [];
let v2Tree = '';

function postSeries(branch: string, version: number, files: Array<Record<string, string>>, date: number): MailedPatch[] {
  const git = gitIn(repo);
  git('checkout', '-q', '-b', branch, base);
  Object.assign(process.env, { GIT_AUTHOR_NAME: 'Dev Eloper', GIT_AUTHOR_EMAIL: 'dev@example.org', GIT_COMMITTER_NAME: 'Dev Eloper', GIT_COMMITTER_EMAIL: 'dev@example.org' });
  const titles = ['a: return 1', 'b: add b()', 'a: call b()'];
  files.forEach((change, i) => {
    process.env.GIT_AUTHOR_DATE = process.env.GIT_COMMITTER_DATE = `${date + i * 60} +0000`;
    commit(repo, change, `${titles[i]}\n\nWhy ${titles[i]}, version ${version}.\n\nSigned-off-by: Dev Eloper <dev@example.org>`);
  });
  const patches = formatPatches(repo, base, join(dir.path, `out-v${version}`), ['--cover-letter', `-v${version}`]);
  // format-patch makes Message-IDs from the time in seconds: both postings would share ids.
  const unique = (text: string) => text.replace(/\.git\.dev@example\.org\b/g, `.v${version}.dev@example.org`);
  return patches.map((p) => ({
    messageId: unique(p.messageId),
    text: unique(p.text).replace('*** SUBJECT HERE ***', 'widget: teach a() about b()').replace('*** BLURB HERE ***', `The widget series, v${version}.`),
  }));
}

let replies = 0;
function reply(to: MailedPatch | string, who: string, body: string): string {
  const parent = typeof to === 'string' ? to : to.messageId;
  const id = `reply-${++replies}@example.org`;
  writeFileSync(join(mails, `r${replies}.eml`), `From: ${who}\nDate: Tue, 2 Jan 2024 1${replies}:00:00 +0000\nSubject: Re: the patch\n` +
    `Message-ID: <${id}>\nIn-Reply-To: <${parent}>\nReferences: <${parent}>\n\n${body}\n`);
  return id;
}

before(() => {
  mkdirSync(mails);
  base = baseRepo(repo).base;
  v1 = postSeries('v1', 1, [
    { 'src/a.c': 'int a(void)\n{\n\treturn 1;\n}\n' },
    { 'src/b.c': 'int b(void)\n{\n\treturn 2;\n}\n' },
    { 'src/a.c': 'int b(void);\n\nint a(void)\n{\n\treturn b();\n}\n' },
  ], 1704067200);
  v2 = postSeries('v2', 2, [
    { 'src/a.c': 'int a(void)\n{\n\treturn 1;\n}\n' },
    { 'src/b.c': 'int b(void)\n{\n\treturn 2; /* v2: commented */\n}\n' },
    { 'src/a.c': 'int b(void);\n\nint a(void)\n{\n\treturn b() + 0;\n}\n' },
  ], 1704672000);
  v2Tree = gitIn(repo)('rev-parse', 'v2^{tree}').trim();
  for (const name of ['GIT_AUTHOR_DATE', 'GIT_COMMITTER_DATE', 'GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL']) delete process.env[name];
  [...v1, ...v2].forEach((p, i) => writeFileSync(join(mails, `p${i}.eml`), p.text.replace(/^From [^\n]*\n/, '')));
  const rita = reply(v2[1]!, 'Rita Reviewer <rita@example.org>', '> +\\treturn 1;\n\nLooks right.\n\nReviewed-by: Rita Reviewer <rita@example.org>');
  reply(rita, 'Tess Tester <tess@example.org>', '> Reviewed-by: Quoted Person <quoted@example.org>\n\nRan it.\n\nTested-by: Tess Tester <tess@example.org>');
  reply(v2[0]!, 'Alan Acker <alan@example.org>', 'For the series:\n\nAcked-by: Alan Acker <alan@example.org>');
  reply(v1[2]!, 'Old Tester <old@example.org>', 'Tested-by: Old Tester <old@example.org>');
});
after(() => dir.cleanup());

function ingest(db: string, skip: (name: string) => boolean = () => false): void {
  const files = execFileSync('ls', [mails], { encoding: 'utf8' }).split('\n').filter((n) => n && !skip(n)).map((n) => join(mails, n));
  const run = lorelab(['--db', db, 'ingest', ...files]);
  assert.equal(run.status, 0, run.stderr);
}

function gitAm(mbox: string): ReturnType<typeof gitIn> {
  const clone = join(dir.path, `clone-${Math.random().toString(36).slice(2)}`);
  execFileSync('git', ['clone', '-q', repo, clone]);
  const git = gitIn(clone);
  git('checkout', '-q', base);
  execFileSync('git', ['-C', clone, '-c', 'user.name=t', '-c', 'user.email=t@t', 'am', '-q', mbox]);
  return git;
}

test('lorelab am: the newest version, parts in order, reply trailers and Link:, applied by git am', () => {
  const db = join(dir.path, 'all.db');
  ingest(db);
  const out = join(dir.path, 'series.mbox');
  // Asked by a v1 patch: v2 is what is written.
  const am = lorelab(['--db', db, 'am', `<${v1[2]!.messageId}>`, '-o', out]);
  assert.equal(am.status, 0, am.stderr);
  assert.match(am.stderr, /^v2 of "widget: teach a\(\) about b\(\)" by Dev Eloper: 3 patches, 1 Reviewed-by, 1 Tested-by, 3 Acked-by \(versions known: v1, v2\); wrote /m);
  const git = gitAm(out);
  assert.equal(git('rev-parse', 'HEAD^{tree}').trim(), v2Tree, 'the tree is v2\'s');
  const messages = git('log', '--reverse', '--format=%an <%ae>|%B%x00', `${base}..HEAD`).split('\0').map((m) => m.trim()).filter(Boolean);
  assert.equal(messages.length, 3);
  assert.equal(messages[0], [
    'Dev Eloper <dev@example.org>|a: return 1', '', 'Why a: return 1, version 2.', '',
    'Signed-off-by: Dev Eloper <dev@example.org>',
    'Reviewed-by: Rita Reviewer <rita@example.org>',
    'Tested-by: Tess Tester <tess@example.org>',
    'Acked-by: Alan Acker <alan@example.org>',
    `Link: https://lore.kernel.org/r/${v2[1]!.messageId}`,
  ].join('\n'));
  assert.match(messages[1]!, /^Dev Eloper <dev@example.org>\|b: add b\(\)\n[\s\S]*Signed-off-by: Dev Eloper <dev@example.org>\nAcked-by: Alan Acker <alan@example.org>\nLink: https:\/\/lore.kernel.org\/r\//);
  assert.ok(messages.every((m) => !m.includes('Old Tester') && !m.includes('Quoted Person')), 'v1 reviews and quoted trailers stay out');

  const piped = lorelab(['--db', db, 'am', v2[0]!.messageId, '--lore', 'http://127.0.0.1:9']);
  assert.equal(piped.status, 0, piped.stderr);
  assert.match(piped.stdout, /^From mboxrd@z /);
  assert.match(piped.stdout, /^Link: http:\/\/127\.0\.0\.1:9\/r\//m);

  const older = lorelab(['--db', db, 'am', v2[0]!.messageId, '-v', '1']);
  assert.equal(older.status, 0, older.stderr);
  assert.match(older.stdout, /Tested-by: Old Tester <old@example.org>/);
  assert.doesNotMatch(older.stdout, /Rita/);
});

test('a missing part, or a series that does not apply, is said plainly: exit 1, nothing written', () => {
  const db = join(dir.path, 'partial.db');
  const v2Part2 = `p${v1.length + 2}.eml`;
  ingest(db, (name) => name === v2Part2);
  const out = join(dir.path, 'partial.mbox');
  const missing = lorelab(['--db', db, 'am', v2[0]!.messageId, '-o', out]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /^lorelab: v2 of "widget: teach a\(\) about b\(\)" is missing part 2 of 3: nothing written/m);
  assert.ok(!existsSync(out));

  const full = join(dir.path, 'all.db');
  const elsewhere = join(dir.path, 'elsewhere');
  execFileSync('git', ['clone', '-q', repo, elsewhere]);
  gitIn(elsewhere)('checkout', '-q', base);
  writeFileSync(join(elsewhere, 'src', 'a.c'), 'long a(void)\n{\n\treturn 7;\n}\n');
  const conflict = lorelab(['--db', full, 'am', v2[0]!.messageId, '--check', elsewhere, '-o', out]);
  assert.equal(conflict.status, 1);
  assert.match(conflict.stderr, /^lorelab: v2 of "widget: teach a\(\) about b\(\)" does not apply to .*elsewhere: .*src\/a\.c/m);
  assert.ok(!existsSync(out));
  const clean = join(dir.path, 'clean');
  execFileSync('git', ['clone', '-q', repo, clean]);
  gitIn(clean)('checkout', '-q', base);
  assert.equal(lorelab(['--db', full, 'am', v2[0]!.messageId, '--check', clean, '-o', out]).status, 0);
  assert.ok(readFileSync(out).length > 0);

  const none = lorelab(['--db', full, 'am', 'nobody@example.org']);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /^lorelab: no message with Message-ID <nobody@example.org>/);
});

test('trailers join the commit message\'s trailer block once, before the patch', () => {
  const body = 'subject line\n\nwhy\n\nSigned-off-by: A <a@x>\nreviewed-by: R <r@x>\n\n---\n a | 1 +\n\ndiff --git a/a b/a\n';
  assert.equal(withTrailers(body, ['Reviewed-by: R <r@x>', 'Acked-by: K <k@x>']),
    'subject line\n\nwhy\n\nSigned-off-by: A <a@x>\nreviewed-by: R <r@x>\nAcked-by: K <k@x>\n\n---\n a | 1 +\n\ndiff --git a/a b/a\n');
  assert.equal(withTrailers('just prose\n\ndiff --git a/a b/a\n', ['Link: L']), 'just prose\n\nLink: L\n\ndiff --git a/a b/a\n');
  assert.equal(withTrailers('no patch here\n', ['Link: L']), null);
});

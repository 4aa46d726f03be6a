// --format json|jsonl|csv|tsv (and --json) on the data commands, written by one module.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { formatData } from '../../src/cli/output.js';
import { corpusDb, lorelab } from '../helpers/corpus.js';

let corpus: Awaited<ReturnType<typeof corpusDb>>;
before(async () => {
  corpus = await corpusDb();
});
after(() => corpus.cleanup());

const run = (...args: string[]) => lorelab(['--db', corpus.path, ...args]);

test('csv quotes per RFC 4180, tsv escapes, jsonl is one object a line, nested values are JSON', () => {
  const rows = [{ a: 'plain', b: 'has, comma', c: 'say "hi"\nnext' }, { a: null, b: 7, c: ['x', 1], d: 'late\tcol\\' }];
  assert.equal(formatData(rows, 'csv'), 'a,b,c,d\r\nplain,"has, comma","say ""hi""\nnext",\r\n,7,"[""x"",1]",late\tcol\\\r\n');
  assert.equal(formatData(rows, 'tsv'), 'a\tb\tc\td\nplain\thas, comma\tsay "hi"\\nnext\t\n\t7\t["x",1]\tlate\\tcol\\\\\n');
  assert.equal(formatData(rows, 'jsonl'), `${JSON.stringify(rows[0])}\n${JSON.stringify(rows[1])}\n`);
  assert.deepEqual(JSON.parse(formatData(rows, 'json')), rows);
  assert.equal(formatData({ one: 1 }, 'csv'), 'one\r\n1\r\n', 'one object is one row');
  assert.equal(formatData([], 'csv'), '');
});

test('query, sql, search, thread, show and sim take --format; --json is --format json', () => {
  const json = JSON.parse(run('query', 'patches-touching', '--fn', 'do_no_page', '--json').stdout) as Record<string, unknown>[];
  assert.deepEqual(JSON.parse(run('query', 'patches-touching', '--fn', 'do_no_page', '--format', 'json').stdout), json);
  const jsonl = run('query', 'patches-touching', '--file', 'mm/', '--format', 'jsonl');
  assert.equal(jsonl.status, 0, jsonl.stderr);
  const lines = jsonl.stdout.trimEnd().split('\n');
  assert.ok(lines.length > 1);
  assert.ok(lines.every((line) => (JSON.parse(line) as { file: string }).file.startsWith('mm/')));

  const csv = run('query', 'patches-touching', '--fn', 'do_no_page', '--format', 'csv');
  assert.equal(csv.status, 0, csv.stderr);
  const [header, first] = csv.stdout.split('\r\n');
  assert.equal(header, Object.keys(json[0]!).join(','));
  assert.ok(first!.includes(',mm/memory.c,do_no_page,'), first);

  const tsv = run('sql', 'select message_id, subject from messages where is_stub = 0 order by date', '--format', 'tsv');
  assert.equal(tsv.status, 0, tsv.stderr);
  const tsvLines = tsv.stdout.trimEnd().split('\n');
  assert.equal(tsvLines[0], 'message_id\tsubject');
  assert.equal(tsvLines.length, 7);
  assert.ok(tsvLines.slice(1).every((line) => line.split('\t').length === 2));

  const id = 'CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com';
  const thread = run('thread', id, '--format', 'jsonl');
  assert.equal(thread.status, 0, thread.stderr);
  assert.ok(thread.stdout.trimEnd().split('\n').some((line) => (JSON.parse(line) as { messageId: string }).messageId === id));
  assert.equal((JSON.parse(run('show', id, '--format', 'json').stdout) as { messageId: string }).messageId, id);
  assert.match(run('show', id, '--format', 'csv').stdout, /^messageId,/);
  assert.match(run('search', 'truncate', '--format', 'tsv').stdout, /^date\tauthor\tsubject\tmessageId\tsnippet\n/);
  assert.equal((JSON.parse(run('sim', 'list', '--format', 'jsonl').stdout.split('\n')[0]!) as { id: string }).id, 'truncate-nopage');
  assert.match(run('query', '--list', '--format', 'tsv').stdout, /^name\tsummary\tparams\tcolumns\tpath\n/);
});

test('an unknown --format, or one that contradicts --json, is a usage error', () => {
  const bad = run('query', 'patches-touching', '--fn', 'x', '--format', 'xml');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^lorelab: --format xml: expected one of json, jsonl, csv, tsv/);
  assert.equal(run('sql', 'select 1', '--json', '--format', 'csv').status, 2);
});

// The named queries on the seed corpus, checked against what the pages really contain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuery, listQueries, parseQueryFile, runNamedQuery, QueryError } from '../../src/query/named.js';
import { corpusDb } from '../helpers/corpus.js';

test('every query file has a name, a summary and declared parameters', () => {
  const all = listQueries();
  for (const name of ['patches-touching', 'functions-touched', 'thread', 'mentions']) {
    const q = all.find((x) => x.name === name);
    assert.ok(q, name);
    assert.ok(q!.summary.length > 10);
    assert.ok(q!.columns.length > 0);
  }
  assert.deepEqual(findQuery('patches-touching').params.map((p) => p.name), ['fn', 'file', 'kind']);
  assert.throws(() => parseQueryFile('x.sql', 'SELECT 1'), QueryError);
});

test('patches-touching do_no_page: the 2003 patch, three hunks in mm/memory.c, and nothing else', async () => {
  const { db, cleanup } = await corpusDb();
  try {
    const rows = runNamedQuery(db, findQuery('patches-touching'), { fn: 'do_no_page' });
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.equal(row!.author, 'Andrea Arcangeli');
    assert.equal(row!.date, '2003-06-01T12:22:00Z');
    assert.equal(row!.file, 'mm/memory.c');
    assert.equal(row!.function, 'do_no_page');
    assert.equal(row!.hunks, 3);
    assert.deepEqual(Object.keys(row!).slice(0, 7), ['message_id', 'subject', 'author', 'date', 'file', 'function', 'kind']);
  } finally {
    cleanup();
  }
});

test('the 2020 filemap_map_pages patch is not reported as touching filemap_fault', async () => {
  const { db, cleanup } = await corpusDb();
  try {
    assert.deepEqual(runNamedQuery(db, findQuery('patches-touching'), { fn: 'filemap_fault' }), []);
    const rows = runNamedQuery(db, findQuery('patches-touching'), { fn: 'filemap_map_pages' });
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.patch, 4);
    const byFile = runNamedQuery(db, findQuery('patches-touching'), { file: 'mm/%', kind: 'function' });
    assert.ok(byFile.some((r) => r.function === 'vmtruncate'));
    assert.ok(byFile.every((r) => String(r.file).startsWith('mm/')));
  } finally {
    cleanup();
  }
});

test('functions-touched lists every hunk of a message with how the symbol was found', async () => {
  const { db, cleanup } = await corpusDb();
  try {
    const rows = runNamedQuery(db, findQuery('functions-touched'), { message_id: 'CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com' });
    assert.deepEqual([...new Set(rows.map((r) => r.patch))], [1, 2, 3, 4]);
    const firstPatch = rows.filter((r) => r.patch === 1).map((r) => r.function);
    assert.deepEqual([...new Set(firstPatch)].sort(), ['__do_fault', 'do_cow_fault', 'do_read_fault', 'do_shared_fault']);
    assert.ok(rows.every((r) => r.how !== null || r.function === null));
  } finally {
    cleanup();
  }
});

test('thread lists the whole tree in order, stubs marked', async () => {
  const { db, cleanup } = await corpusDb();
  try {
    const rows = runNamedQuery(db, findQuery('thread'), { message_id: '20181212150319.GA3432@redhat.com' });
    assert.equal(rows.length, 214);
    assert.equal(rows[0]!.depth, 0);
    const self = rows.find((r) => r.message_id === '20181212150319.GA3432@redhat.com')!;
    assert.equal(self.stub, 0);
    assert.equal(self.depth, 14);
    const parentIndex = rows.findIndex((r) => r.message_id === self.parent_message_id);
    assert.ok(parentIndex >= 0 && parentIndex < rows.indexOf(self), 'a parent comes before its replies');
  } finally {
    cleanup();
  }
});

test('a query without its required parameter, or with an unknown one, says what it takes', async () => {
  const { db, cleanup } = await corpusDb();
  try {
    assert.throws(() => runNamedQuery(db, findQuery('thread'), {}), /needs --message-id/);
    assert.throws(() => runNamedQuery(db, findQuery('thread'), { message_id: 'x', colour: 'red' }), /not --colour/);
    assert.throws(() => findQuery('nope'), /no query named "nope"; known queries: .*patches-touching/);
  } finally {
    cleanup();
  }
});

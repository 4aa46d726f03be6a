// Parameters as users type them: directories, `name()`, `->op`, pasted diff paths and lore URLs
// reach the named queries as what they mean; `%` still works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { bareSymbol, pathPattern, symbolPattern } from '../../src/query/params.js';
import { findQuery, runNamedQuery } from '../../src/query/named.js';
import { search } from '../../src/query/search.js';
import { messageIdFromArgument } from '../../src/util/message-id.js';
import { corpusDb } from '../helpers/corpus.js';

let corpus: Awaited<ReturnType<typeof corpusDb>>;
before(async () => {
  corpus = await corpusDb();
});
after(() => corpus.cleanup());

const touching = (values: Record<string, string>) =>
  runNamedQuery(corpus.db, findQuery('patches-touching'), values) as Array<{ file: string; function: string; kind: string }>;

test('a directory matches the files beneath it, at any depth', () => {
  const mm = touching({ file: 'mm/' });
  assert.ok(mm.length > 0, 'mm/ finds patches');
  assert.ok(mm.every((r) => r.file.startsWith('mm/')));
  assert.deepEqual(new Set(mm.map((r) => r.file)), new Set(touching({ file: 'mm/%' }).map((r) => r.file)), '% still works');
  const include = touching({ file: 'include/' });
  assert.ok(include.some((r) => r.file.startsWith('include/linux/')), 'nested directories too');
  assert.equal(touching({ file: 'mm' }).length, 0, 'no trailing slash: the exact path, as before');
});

test('paths pasted from a diff (a/…, b/…, ./…) are the file', () => {
  const exact = touching({ file: 'mm/memory.c' });
  assert.ok(exact.length > 0);
  for (const pasted of ['a/mm/memory.c', 'b/mm/memory.c', './mm/memory.c']) assert.deepEqual(touching({ file: pasted }), exact, pasted);
});

test('do_no_page() and ->nopage are the symbols', () => {
  const plain = touching({ fn: 'do_no_page' });
  assert.ok(plain.length > 0);
  assert.deepEqual(touching({ fn: 'do_no_page()' }), plain);
  assert.deepEqual(touching({ fn: ' do_no_page ( ) ' }), plain);
  const discussed = (fn: string) => runNamedQuery(corpus.db, findQuery('discussed'), { fn }) as Array<{ symbol: string }>;
  const nopage = discussed('nopage');
  assert.ok(nopage.length > 0);
  assert.deepEqual(discussed('->nopage'), nopage);
  assert.deepEqual(discussed('.nopage'), nopage);
  assert.deepEqual(touching({ fn: 'do_no_%' }).filter((r) => r.function === 'do_no_page'), plain, '% still works');
});

test('message ids come bare, in <>, as id: or as a lore URL', () => {
  const id = 'CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com';
  for (const given of [id, `<${id}>`, `id:${id}`, `https://lore.kernel.org/linux-mm/${id}/`, `https://lore.kernel.org/r/${encodeURIComponent(id)}`,
    `https://lore.kernel.org/all/${id}/T/#u`, `https://lore.kernel.org/linux-mm/${id}/t.mbox.gz`]) {
    assert.equal(messageIdFromArgument(given), id, given);
  }
  const rows = runNamedQuery(corpus.db, findQuery('thread'), { message_id: `https://lore.kernel.org/linux-mm/${id}/` });
  assert.ok(rows.length > 1);
});

test('search fn: takes the same forms', () => {
  const hits = search(corpus.db, 'fn:do_no_page');
  assert.ok(hits.length > 0);
  assert.deepEqual(search(corpus.db, 'fn:do_no_page()'), hits);
});

test('the patterns: _ is literal, % and \\_ are kept', () => {
  assert.equal(symbolPattern('do_no_page()'), 'do\\_no\\_page');
  assert.equal(symbolPattern('struct address_space'), 'address\\_space');
  assert.equal(symbolPattern('do\\_no%'), 'do\\_no%');
  assert.equal(bareSymbol('->nopage'), 'nopage');
  assert.equal(pathPattern('drivers/staging/'), 'drivers/staging/%');
  assert.equal(pathPattern('drivers/staging//'), 'drivers/staging/%');
  const like = new Database(':memory:').prepare("SELECT ? LIKE ? ESCAPE '\\' AS hit").pluck();
  assert.equal(like.get('do_no_page', symbolPattern('do_no_page')), 1);
  assert.equal(like.get('doXnoXpage', symbolPattern('do_no_page')), 0, 'an underscore matches only itself');
  assert.equal(like.get('drivers/staging/rtl8192e/rtl_core.c', pathPattern('drivers/staging/')), 1);
  assert.equal(like.get('drivers/stagingfoo.c', pathPattern('drivers/staging/')), 0);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildHistoryDocument, renderHistoryMarkdown } from '../../src/history/document.js';
import { counterexampleToMermaid } from '../../src/history/mermaid.js';
import { loreUrl } from '../../src/history/format.js';
import { fixtureInput, HOSTILE_SUBJECT } from './fixture.js';

test('by default: a summary, the ranked entry table and each entry with why, versions, hunks and reports', () => {
  const md = renderHistoryMarkdown(fixtureInput());
  assert.equal(md.split('\n').find((l) => l.startsWith('| Date | Entry')), '| Date | Entry | Proposer | Versions | Why | Outcome |');
  assert.match(md, /### 1\. Convert do_no_page\(\) to a hook/);
  assert.match(md, /- the patch touches do_no_page \(1 hunk, \+23\/−0\)/);
  assert.match(md, /\*\*Versions:\*\* v1 \(2003-05-30\) \+20\/−0 in 1 hunk → v2 \(2003-06-01\) changed: \+23\/−0 in 1 hunk/);
  assert.match(md, /```diff\n@@ mm\/memory\.c: do_no_page\(struct mm_struct \*mm/);
  assert.match(md, /merged as d00806b18315 \(first in v2\.6\.23\)/);
  assert.match(md, /\*\*Reports \(1, robots and build reports, not proposals\):\*\* kernel test robot/);
  assert.match(md, /truncate-nopage \(declared\): before → violation, patched → ok/);
  assert.doesNotMatch(md, /#### Messages/, 'message tables only with --full');
  assert.doesNotMatch(md, /## Timeline/);
});

test('--full: a timeline table and one section per thread besides the entries', () => {
  const tree = buildHistoryDocument(fixtureInput(), { full: true });
  const headings = tree.children.filter((n) => n.type === 'heading');
  const titles = headings.map((h) => (h.type === 'heading' ? h.children.map((c) => ('value' in c ? c.value : '')).join('') : ''));
  assert.ok(titles.includes('Summary'));
  assert.ok(titles.includes('Timeline'));
  assert.ok(titles.some((t) => t.startsWith('1. [RFC][PATCH] Convert do_no_page()')));
  assert.ok(tree.children.some((n) => n.type === 'table'));
});

test('the timeline is a GFM table with the race verdict', () => {
  const md = renderHistoryMarkdown(fixtureInput(), { full: true });
  const header = md.split('\n').find((l) => l.startsWith('| Date | Thread'));
  assert.equal(header, '| Date | Thread | People | What happened | Patches | Race verdict |');
  assert.match(md, /truncate-nopage: before → violation, patched → ok/);
});

test('real Message-IDs get a lore link, synthetic ones say they have none', () => {
  const md = renderHistoryMarkdown(fixtureInput(), { full: true });
  assert.match(md, /`<evil@example\.org>` \[lore\]\(https:\/\/lore\.kernel\.org\/r\/evil@example\.org\)/);
  assert.match(md, /`<page-000-andrea\.invalid>` \(synthetic id, not on lore\)/);
  assert.doesNotMatch(md, /lore\.kernel\.org\/r\/page-000/);
  assert.equal(loreUrl({ messageId: 'a/b?c@x', synthetic: false }), 'https://lore.kernel.org/r/a%2Fb%3Fc@x');
});

test('with --full the proposal, argument pairs, trailers, outcome and stubs are all there', () => {
  const md = renderHistoryMarkdown(fixtureInput(), { full: true });
  assert.match(md, /#### The proposal\n\nIn Andrea Arcangeli's words, 2003-06-01/);
  assert.match(md, /> And w\/o proper high level locking/);
  assert.match(md, /\*\*Point\*\* — Paul E\. McKenney, Sat, May 31, 2003/);
  assert.match(md, /\*\*Reply\*\* — Andrea Arcangeli, 2003-06-01/);
  assert.match(md, /\| Needs-review-by \| Hugh Dickins \|/);
  assert.match(md, /commit d00806b18315/);
  assert.match(md, /#### Known but not archived/);
});

test('the counterexample is a Mermaid sequence diagram with one note per step', () => {
  const md = renderHistoryMarkdown(fixtureInput());
  const block = /```mermaid\n([\s\S]*?)\n```/.exec(md);
  assert.ok(block, 'a mermaid block');
  assert.match(block[1], /^sequenceDiagram\n {2}participant A1 as fault\n {2}participant A2 as truncate/);
  assert.equal((block[1].match(/Note over/g) ?? []).length, 4);
  assert.equal(counterexampleToMermaid([{ thread: 'x', label: 'a;b<c>#' }]).split('\n')[2],
    '  Note over A1: 1. a#59;b#lt;c#gt;#35;');
});

test('mail text cannot become HTML in the Markdown', () => {
  const md = renderHistoryMarkdown(fixtureInput(), { full: true });
  assert.ok(!md.includes(HOSTILE_SUBJECT), 'raw <script> must be escaped');
  assert.doesNotMatch(md, /(^|[^\\])<img /);
});

test('the same input gives byte-identical Markdown', () => {
  assert.equal(renderHistoryMarkdown(fixtureInput()), renderHistoryMarkdown(fixtureInput()));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPatches, findRenames } from '../../src/patch/index.js';

function symbolsOf(diff: string): string[][] {
  const [p] = findPatches({ subject: null, text: diff, attachments: [] });
  return p.files[0].hunks.map((h) => h.symbols.map((s) => `${s.kind} ${s.name} ${s.change} ${s.how}`));
}

test('K&R signature in the hunk names the function; the header does not', () => {
  const diff = [
    'diff --git a/mm/memory.c b/mm/memory.c', '--- a/mm/memory.c', '+++ b/mm/memory.c',
    '@@ -10,7 +10,7 @@ int other(void)', ' }', ' ', ' static int', ' do_no_page(struct mm_struct *mm,', ' \tunsigned long address)', ' {',
    '-\treturn 0;', '+\treturn 1;', '',
  ].join('\n');
  assert.deepEqual(symbolsOf(diff), [['function do_no_page modified definition-in-hunk']]);
});

test('a change after a closing brace is outside the header function; a prototype is no definition', () => {
  const diff = [
    'diff --git a/a.c b/a.c', '--- a/a.c', '+++ b/a.c',
    '@@ -1,6 +1,7 @@ int f(void)', ' \treturn 0;', ' }', ' ', '-int g(void);', '+int g(int);', '+static int counter = 1;', ' ', ' int h(void)', '',
  ].join('\n');
  assert.deepEqual(symbolsOf(diff), [['variable counter added declaration-line']]);
});

test('a multi-line #define is a macro, continuation lines included', () => {
  const diff = [
    'diff --git a/a.h b/a.h', '--- a/a.h', '+++ b/a.h',
    '@@ -1,4 +1,4 @@', ' #define WRAP(x) \\', ' \tdo { \\', '-\t\tfoo(x); \\', '+\t\tbar(x); \\', ' \t} while (0)', '',
  ].join('\n');
  assert.deepEqual(symbolsOf(diff), [['macro WRAP modified define-line']]);
});

test('a function renamed in place is found by findRenames', () => {
  const body = ['\tint a = 1;', '\tint b = 2;', '\treturn a + b;'];
  const diff = [
    'diff --git a/a.c b/a.c', '--- a/a.c', '+++ b/a.c', '@@ -1,5 +1,5 @@',
    '-static int old_name(void)', '+static int new_name(void)', ' {', ...body.map((l) => ' ' + l), ' }', '',
  ].join('\n');
  // Only the signature line changed: the body is shared context, so the similarity is 1.
  assert.deepEqual(findRenames(findPatches({ subject: null, text: diff, attachments: [] })[0]).map((r) => [r.oldName, r.newName, r.similarity]), [['old_name', 'new_name', 1]]);
  const other = diff.replace('+static int new_name(void)', '+static int new_name(void);');
  assert.deepEqual(findRenames(findPatches({ subject: null, text: other, attachments: [] })[0]), []);
  const moved = [
    'diff --git a/a.c b/a.c', '--- a/a.c', '+++ b/a.c', '@@ -1,5 +1,5 @@',
    '-static int old_name(void)', '-{', ...body.map((l) => '-' + l), '-}',
    '+static int new_name(void)', '+{', ...body.map((l) => '+' + l), '+}', '',
  ].join('\n').replace('@@ -1,5 +1,5 @@', '@@ -1,6 +1,6 @@');
  const [p] = findPatches({ subject: null, text: moved, attachments: [] });
  assert.deepEqual(findRenames(p).map((r) => [r.oldName, r.newName, r.similarity]), [['old_name', 'new_name', 1]]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPatches, findPullRequest, findTrailers, gitPatchId, parseSubjectTags } from '../../src/patch/index.js';
import { seed001, seed004 } from './seeds.js';

const DIFF = [
  'diff --git a/a.c b/a.c', 'index 1111111..2222222 100644', '--- a/a.c', '+++ b/a.c',
  '@@ -1,5 +1,5 @@ int f(void)', ' {', ' \tint x;', '', '-\treturn 0;', '+\treturn 1;', ' }', '',
].join('\n');

test('blank context lines without their space (parse-diff issue #50) are kept', () => {
  const [p] = findPatches({ subject: null, text: DIFF, attachments: [] });
  const h = p.files[0].hunks[0];
  assert.deepEqual(h.lines, [' {', ' \tint x;', ' ', '-\treturn 0;', '+\treturn 1;', ' }']);
  assert.equal(p.repaired, false);
});

test('CRLF, quoted diffs, renames, new/deleted/binary files, no-newline markers', () => {
  const crlf = findPatches({ subject: null, text: DIFF.replace(/\n/g, '\r\n'), attachments: [] });
  assert.equal(crlf.length, 1);
  assert.ok(crlf[0].problems.some((x) => x.includes('CRLF')));
  assert.equal(crlf[0].patchId, gitPatchId(DIFF));

  const reply = 'On Monday someone wrote:\n' + DIFF.split('\n').map((l) => '> ' + l).join('\n') + '\nLooks fine.\n';
  const [quoted] = findPatches({ subject: 'Re: x', text: reply, attachments: [] });
  assert.equal(quoted.origin, 'quoted');
  assert.equal(quoted.quotedDepth, 1);
  assert.equal(quoted.patchId, gitPatchId(DIFF));

  const odd = [
    'diff --git a/old.c b/new.c', 'similarity index 90%', 'rename from old.c', 'rename to new.c',
    'diff --git a/gone.c b/gone.c', 'deleted file mode 100644', 'index 3333333..0000000', '--- a/gone.c', '+++ /dev/null',
    '@@ -1 +0,0 @@', '-int gone;', '\\ No newline at end of file',
    'diff --git a/img.png b/img.png', 'index 4444444..5555555 100644', 'GIT binary patch', 'literal 4', 'LcmZQzWMT#Y01f~L', '', 'literal 4', 'Lcmd;NWMT#Y05Sj&', '',
    'diff --git a/run.sh b/run.sh', 'old mode 100644', 'new mode 100755', '',
  ].join('\n');
  const [p] = findPatches({ subject: null, text: odd, attachments: [] });
  assert.deepEqual(p.files.map((f) => [f.status, f.oldPath, f.newPath, f.binary]), [
    ['renamed', 'old.c', 'new.c', false],
    ['deleted', 'gone.c', null, false],
    ['modified', 'img.png', 'img.png', true],
    ['modified', 'run.sh', 'run.sh', false],
  ]);
  assert.deepEqual(p.files[1].hunks[0].lines, ['-int gone;', '\\ No newline at end of file']);
  assert.deepEqual(p.files[1].hunks[0].symbols.map((s) => [s.name, s.change]), [['gone', 'removed']]);
});

test('a format=flowed wrapped line is joined back using the hunk counts', () => {
  const wrapped = DIFF.replace('+\treturn 1;', '+\treturn a_long_function_name(with, many,\narguments);').replace('@@ -1,5 +1,5 @@', '@@ -1,5 +1,5 @@');
  const [p] = findPatches({ subject: null, text: wrapped, attachments: [] });
  assert.equal(p.repaired, true);
  assert.ok(p.files[0].hunks[0].lines.includes('+\treturn a_long_function_name(with, many, arguments);'));
});

test('a truncated hunk is kept with a reason', () => {
  const cut = DIFF.split('\n').slice(0, 8).join('\n');
  const [p] = findPatches({ subject: null, text: cut, attachments: [] });
  assert.ok(p.problems.some((x) => x.includes('ends early')));
});

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

test('nothing throws on garbage: random bytes, truncations, shuffled lines of real diffs', () => {
  const rand = rng(42);
  const real = [DIFF, seed001().text, ...seed004().attachments.map((a) => a.text ?? '')];
  const inputs: string[] = [];
  for (let k = 0; k < 150; k++) {
    const bytes = Buffer.from(Array.from({ length: Math.floor(rand() * 400) }, () => Math.floor(rand() * 256)));
    inputs.push(bytes.toString('latin1'));
    const source = real[k % real.length];
    inputs.push(source.slice(0, Math.floor(rand() * source.length)));
    const lines = source.split('\n');
    for (let i = lines.length - 1; i > 0; i--) {
      if (rand() < 0.3) {
        const j = Math.floor(rand() * (i + 1));
        [lines[i], lines[j]] = [lines[j], lines[i]];
      }
    }
    inputs.push(lines.join('\n'));
    inputs.push(source.replace(/@@ -(\d+)/g, () => `@@ -${Math.floor(rand() * 5) - 1}`));
  }
  for (const input of inputs) {
    const patches = findPatches({ subject: input.slice(0, 50), text: input, attachments: [{ filename: null, contentType: 'text/plain', text: input }] });
    assert.ok(Array.isArray(patches));
    parseSubjectTags(input);
    findTrailers(input);
    findPullRequest(input);
    gitPatchId(input);
  }
  // Not even a malformed mail object.
  assert.deepEqual(findPatches({} as never), []);
  assert.deepEqual(findPatches(null as never), []);
});

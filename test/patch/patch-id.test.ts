import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gitIn } from '../helpers/corpus.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPatches, gitPatchId } from '../../src/patch/index.js';
import { seed004 } from './seeds.js';

function gitPatchIdOf(diff: string): string {
  const out = execFileSync('git', ['patch-id', '--stable'], { input: diff, encoding: 'utf8' });
  return out.split(' ')[0];
}

/** A real `git diff` of a small edit series, made in a throwaway repository. */
function realDiff(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lorelab-pid-'));
  const git = gitIn(dir);
  try {
    git('init', '-q');
    writeFileSync(join(dir, 'a.c'), 'int f(void)\n{\n\treturn 1;\n}\n\nint g(void)\n{\n\treturn 2;\n}\n');
    writeFileSync(join(dir, 'gone.h'), '#define X 1\n');
    writeFileSync(join(dir, 'bin'), Buffer.from([0, 1, 2, 3]));
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'base');
    writeFileSync(join(dir, 'a.c'), 'int f(void)\n{\n\treturn 3;\n}\n\nint g(void)\n{\n\n\treturn  2 + 0;\n}\n');
    writeFileSync(join(dir, 'new.c'), 'int h;\n');
    writeFileSync(join(dir, 'bin'), Buffer.from([9, 1, 2, 3]));
    rmSync(join(dir, 'gone.h'));
    git('add', '-A');
    return git('diff', '--cached', '--binary');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('patch-id of raw text equals git patch-id --stable', () => {
  const diff = realDiff();
  assert.equal(gitPatchId(diff), gitPatchIdOf(diff));
});

test('patch-id of parsed files equals git patch-id --stable, and ignores file order', () => {
  const diff = realDiff();
  const [patch] = findPatches({ subject: null, text: diff, attachments: [] });
  assert.equal(patch.patchId, gitPatchIdOf(diff));
  // git hashes nothing of the file after a binary one, so order only cancels out for text files.
  const text = patch.files.filter((f) => !f.binary);
  assert.equal(gitPatchId([...text].reverse()), gitPatchId(text));
});

test('patch-id of the 004 attachments equals git patch-id --stable of each', () => {
  const mail = seed004();
  const patches = findPatches(mail);
  for (const [k, p] of patches.entries()) {
    assert.equal(p.patchId, gitPatchIdOf(mail.attachments[k].text ?? ''), `patch ${k + 1}`);
  }
});

test('patch-id of a diff without hunks is null', () => {
  assert.equal(gitPatchId('hello\n'), null);
  assert.equal(gitPatchId([]), null);
});

test('whitespace: as git for tabs, spaces and CRs; no-break spaces and form feeds are left out too, so a mangled copy keeps its id', () => {
  const diff = (extra: string, indent = '\t') =>
    `diff --git a/a.c b/a.c\nindex 1..2 100644\n--- a/a.c\n+++ b/a.c\n@@ -1,3 +1,3 @@\n {\n-${indent}return 1;\n+${indent}return${extra} 2;\n }\n`;
  for (const extra of ['', ' ', '\t \r']) assert.equal(gitPatchId(diff(extra)), gitPatchIdOf(diff(extra)), JSON.stringify(extra));
  const clean = gitPatchId(diff('', '    '));
  assert.equal(gitPatchId(diff('', '\u00a0\u00a0\u00a0\u00a0')), clean, 'indentation turned into no-break spaces by a mailer');
  assert.equal(gitPatchId(diff('\f')), gitPatchId(diff('')), 'a form feed');
  const [mangled] = findPatches({ subject: null, text: diff('\u00a0'), attachments: [] });
  assert.equal(mangled.patchId, gitPatchId(diff('')), 'parsed files take the same way');
});

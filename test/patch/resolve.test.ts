import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gitIn } from '../helpers/corpus.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPatches, resolveWithSource } from '../../src/patch/index.js';

test('exact mode maps changed lines to enclosing symbols from the git pre-image', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lorelab-resolve-'));
  const git = gitIn(dir);
  try {
    git('init', '-q');
    // The hunk header git prints here is 'EXPORT_SYMBOL(first);', the change is in second().
    const before = 'int first(void)\n{\n\treturn 1;\n}\nEXPORT_SYMBOL(first);\n\nstatic int\nsecond(int a,\n       int b)\n{\n\tint x = a;\n\tint y = b;\n\treturn x + y;\n}\n';
    writeFileSync(join(dir, 'f.c'), before);
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(join(dir, 'f.c'), before.replace('\treturn x + y;', '\treturn x * y;'));
    const diff = git('diff');
    const [patch] = findPatches({ subject: null, text: diff, attachments: [] });
    const resolved = await resolveWithSource(patch, dir);
    assert.deepEqual(resolved.files[0].hunks[0].symbols, [{ name: 'second', kind: 'function', change: 'modified', how: 'source', confidence: 1 }]);
    // A blob the repository does not have: kept, with a reason, no throw.
    const missing = await resolveWithSource({ ...patch, files: patch.files.map((f) => ({ ...f, oldBlob: 'deadbeef' })) }, dir);
    assert.ok(missing.problems.some((p) => p.includes('pre-image not found')));
    assert.deepEqual(missing.files[0].hunks[0].symbols, patch.files[0].hunks[0].symbols);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

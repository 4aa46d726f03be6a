import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.js';
import { resolveStoredPatches } from '../../src/passes/source-symbols-pass.js';
import { openDatabase } from '../../src/store/open.js';
import { gitIn, tempDir } from '../helpers/corpus.js';
import { mbox } from './mail.js';

test('resolve --source replaces stored symbols with the ones the real pre-image gives', async () => {
  const dir = tempDir('lorelab-series-resolve-');
  const repo = join(dir.path, 'repo');
  mkdirSync(repo);
  const git = gitIn(repo);
  const db = openDatabase(join(dir.path, 'r.db'));
  try {
    git('init', '-q');
    // git's hunk header names first(); the change is in second(), defined above the hunk.
    const before = 'int first(void)\n{\n\treturn 1;\n}\n\nint second(int a)\n{\n\tint x = a;\n\tint y = a;\n\tint z = a;\n\tint w = a;\n\treturn x;\n}\n';
    writeFileSync(join(repo, 'f.c'), before);
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(join(repo, 'f.c'), before.replace('\treturn x;', '\treturn x + y + z + w;'));
    const diff = git('diff', '-U1');
    writeFileSync(join(dir.path, 'm.mbox'), mbox([{ id: 'r1@x', subject: '[PATCH] f: sum', date: 'Mon, 1 Jan 2024 10:00:00 +0000', body: `Sum.\n\nSigned-off-by: A <a@x>\n---\n${diff}` }]));
    await ingest(db, [join(dir.path, 'm.mbox')]);
    const symbols = () => db.prepare('SELECT symbol, how FROM hunk_symbols ORDER BY symbol').all();
    assert.notDeepEqual(symbols(), [{ symbol: 'second', how: 'source' }]);
    const summary = await resolveStoredPatches(db, { repository: repo, messageId: 'r1@x' });
    assert.deepEqual({ patches: summary.patches, files: summary.filesResolved, problems: summary.problems }, { patches: 1, files: 1, problems: [] });
    assert.deepEqual(symbols(), [{ symbol: 'second', how: 'source' }]);
    // Already resolved: skipped; a repository without the blob: kept, with a recorded reason, no throw.
    assert.equal((await resolveStoredPatches(db, { repository: repo, skipResolved: true })).patches, 0);
    const empty = join(dir.path, 'empty');
    mkdirSync(empty);
    execFileSync('git', ['-C', empty, 'init', '-q']);
    const missing = await resolveStoredPatches(db, { repository: empty });
    assert.equal(missing.filesResolved, 0);
    assert.match(missing.problems[0]?.problem ?? '', /pre-image not found/);
    assert.deepEqual(symbols(), [{ symbol: 'second', how: 'source' }]);
    assert.equal((db.prepare("SELECT count(*) AS n FROM ingest_errors WHERE error LIKE 'resolve:%'").get() as { n: number }).n, 1);
  } finally {
    db.close();
    dir.cleanup();
  }
});

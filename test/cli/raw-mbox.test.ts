// `lorelab raw` of several messages writes mboxrd: read back by lorelab's own mbox reader byte
// for byte, and applied by a real `git am`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMboxFile } from '../../src/sources/mbox/read.js';
import { toMboxrd } from '../../src/sources/index.js';
import { gitIn, lorelab, tempDir } from '../helpers/corpus.js';
import { baseRepo, commit, formatPatches } from '../helpers/git-series.js';

test('mboxrd quotes every (>)*From line and the mbox reader gives the bytes back', async () => {
  const dir = tempDir();
  try {
    const one = Buffer.from('From: A <a@example.org>\nMessage-ID: <q1@x>\n\nFrom here on\n>From there\n>>From far\nno newline at end');
    const two = Buffer.from('From: B <b@example.org>\nMessage-ID: <q2@x>\n\nplain\n');
    const mbox = toMboxrd([one, two]);
    assert.match(mbox.toString(), /^From mboxrd@z Thu Jan {2}1 00:00:00 1970\n/);
    assert.match(mbox.toString(), /\n>From here on\n>>From there\n>>>From far\nno newline at end\n\nFrom mboxrd@z/);
    const path = join(dir.path, 'x.mboxrd');
    writeFileSync(path, mbox);
    const back: string[] = [];
    for await (const item of readMboxFile(path, { quoting: 'mboxrd' })) if (item.kind === 'message') back.push(item.raw.toString());
    assert.deepEqual(back, [`${one}\n`, two.toString()]);
  } finally {
    dir.cleanup();
  }
});

test('lorelab raw ID ID | git am applies the patches; one ID alone stays the bare message', () => {
  const dir = tempDir();
  try {
    const repo = join(dir.path, 'repo');
    const { base } = baseRepo(repo);
    commit(repo, { 'src/a.c': 'int a(void)\n{\n\treturn 1;\n}\n' }, 'a: return 1\n\nFrom now on a() says yes.');
    commit(repo, { 'src/b.c': 'int b(void) { return 2; }\n' }, 'b: add b()');
    const expectedTree = gitIn(repo)('rev-parse', 'HEAD^{tree}').trim();
    const patches = formatPatches(repo, base, join(dir.path, 'out'));
    assert.equal(patches.length, 2);
    // Each mail as an .eml file: format-patch's own output is mboxo, where the body's "From now
    // on" line would start a new message.
    const emls = patches.map((p, i) => {
      const path = join(dir.path, `${i}.eml`);
      writeFileSync(path, p.text.replace(/^From [^\n]*\n/, ''));
      return path;
    });
    const db = join(dir.path, 'raw.db');
    const ingest = lorelab(['--db', db, 'ingest', ...emls]);
    assert.equal(ingest.status, 0, ingest.stderr);

    const raw = lorelab(['--db', db, 'raw', ...patches.map((p) => `<${p.messageId}>`)]);
    assert.equal(raw.status, 0, raw.stderr);
    assert.equal(raw.stdout.match(/^From mboxrd@z /gm)?.length, 2);
    assert.match(raw.stdout, /^>From now on a\(\) says yes\.$/m, 'the body line is quoted');

    const clone = join(dir.path, 'clone');
    execFileSync('git', ['clone', '-q', repo, clone]);
    const git = gitIn(clone);
    git('checkout', '-q', base);
    execFileSync('git', ['-C', clone, '-c', 'user.name=t', '-c', 'user.email=t@t', 'am', '-q', '--patch-format=mboxrd'], { input: raw.stdout });
    assert.equal(git('rev-parse', 'HEAD^{tree}').trim(), expectedTree);
    assert.equal(git('log', '-1', '--format=%B', 'HEAD~1').trim(), 'a: return 1\n\nFrom now on a() says yes.', 'unquoted again by git am');

    git('checkout', '-q', base);
    execFileSync('git', ['-C', clone, '-c', 'user.name=t', '-c', 'user.email=t@t', 'am', '-q'], { input: raw.stdout });
    assert.equal(git('rev-parse', 'HEAD^{tree}').trim(), expectedTree, 'plain git am applies it too');

    const single = lorelab(['--db', db, 'raw', patches[1]!.messageId]);
    assert.equal(single.status, 0, single.stderr);
    assert.doesNotMatch(single.stdout, /^From mboxrd@z/);
    assert.match(lorelab(['--db', db, 'raw', '--mbox', patches[1]!.messageId]).stdout, /^From mboxrd@z /);

    const missing = lorelab(['--db', db, 'raw', patches[0]!.messageId, 'nope@example.org']);
    assert.equal(missing.status, 2);
    assert.equal(missing.stdout, '', 'nothing written when one is missing');
    assert.match(missing.stderr, /^lorelab: no message with Message-ID <nope@example.org>/m);
  } finally {
    dir.cleanup();
  }
});

// Two links the graph makes across messages: a list-rewritten From: back to the real sender,
// and a diff quoted in a reply back to the message it was quoted from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.js';
import { openDatabase } from '../../src/store/open.js';
import { tempDir } from '../helpers/corpus.js';

const PATCH = [
  'From: Ann Author <ann@example.org>',
  'Subject: [PATCH] mm: take the lock in do_thing()',
  'Message-ID: <patch@example.org>',
  'Date: Tue, 1 Jan 2019 10:00:00 +0000',
  '',
  'Take the lock.',
  '',
  'Signed-off-by: Ann Author <ann@example.org>',
  '---',
  'diff --git a/mm/thing.c b/mm/thing.c',
  '--- a/mm/thing.c',
  '+++ b/mm/thing.c',
  '@@ -10,3 +10,4 @@ static int do_thing(void)',
  ' \ta();',
  '+\tlock();',
  ' \tb();',
  ' \tc();',
  '',
].join('\n');

const REPLY = [
  'From: Bob via Linux-erofs <linux-erofs@lists.ozlabs.org>',
  'Reply-To: Bob Reviewer <bob@example.org>',
  'List-Id: <linux-erofs.lists.ozlabs.org>',
  'Subject: Re: [PATCH] mm: take the lock in do_thing()',
  'Message-ID: <reply@example.org>',
  'In-Reply-To: <patch@example.org>',
  'References: <patch@example.org>',
  'Date: Tue, 1 Jan 2019 11:00:00 +0000',
  '',
  'On Tue, Jan 01, 2019 at 10:00:00AM +0000, Ann Author wrote:',
  '> diff --git a/mm/thing.c b/mm/thing.c',
  '> --- a/mm/thing.c',
  '> +++ b/mm/thing.c',
  '> @@ -10,3 +10,4 @@ static int do_thing(void)',
  '>  \ta();',
  '> +\tlock();',
  '>  \tb();',
  '>  \tc();',
  '',
  'Why not a trylock here?',
  '',
].join('\n');

test('a list-rewritten sender is the real person; a quoted diff points at the message it quotes', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir.path, 'patch.eml'), PATCH);
    writeFileSync(join(dir.path, 'reply.eml'), REPLY);
    const db = openDatabase(join(dir.path, 'x.db'));
    await ingest(db, [join(dir.path, 'patch.eml'), join(dir.path, 'reply.eml')]);
    const reply = db.prepare("SELECT author_name, author_email, notes FROM messages WHERE message_id = 'reply@example.org'").get() as Record<string, string>;
    assert.equal(reply.author_email, 'bob@example.org');
    assert.equal(reply.author_name, 'Bob Reviewer');
    assert.match(reply.notes, /rewritten by the list/);
    assert.equal((db.prepare("SELECT count(*) AS n FROM people WHERE email = 'linux-erofs@lists.ozlabs.org'").get() as { n: number }).n, 0);

    const quoted = db.prepare("SELECT origin, quoted_depth, quoted_message_id FROM patches WHERE message_id = 'reply@example.org'").all();
    assert.deepEqual(quoted, [{ origin: 'quoted', quoted_depth: 1, quoted_message_id: 'patch@example.org' }]);
    const counted = db.prepare("SELECT count(*) AS n FROM patches WHERE origin <> 'quoted'").get() as { n: number };
    assert.equal(counted.n, 1, 'the quoted diff is evidence, not a new patch');
    db.close();
  } finally {
    dir.cleanup();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { normalisePeople, resolveSender, parseMailbox, type PersonSighting } from '../../src/mail/people/index.js';

/** From:/To:/Cc: mailboxes of seed 002's header block, and the names its overview shows. */
function seed002(): { mailboxes: PersonSighting[]; overviewNames: string[] } {
  const text = readFileSync(new URL('../../corpora/002_cf02ac1430d7df9c.txt', import.meta.url), 'utf8');
  const header = text.slice(text.indexOf('From: '), text.indexOf('Subject: '));
  const mailboxes = header
    .replace(/^(From|To|Cc):/gm, ',')
    .split(/,\s*(?=[^,]*(?:<|@))/)
    .map((part) => parseMailbox(part.replace(/^[\s,]+/, '')))
    .filter((m) => m.email);
  const overview = text.slice(text.indexOf('Thread overview:'));
  const overviewNames = [...overview.matchAll(/^\d{4}-\d\d-\d\d [ \d]\d:\d\d +(?:` )?(?:\[PATCH[^\]]*\].*?\s)?([A-Z][\w.]*(?: [A-Z][\w.]*)*|[a-z]+\.[a-z]+)(?: \[this message\])?$/gm)].map((m) => m[1]);
  return { mailboxes, overviewNames };
}

test('seed 002: one person per address; overview names joined where one person matches', () => {
  const { mailboxes, overviewNames } = seed002();
  assert.ok(mailboxes.length >= 20);
  const sightings: PersonSighting[] = [...mailboxes, ...overviewNames.map((name) => ({ name, email: null }))];
  const { people, personOf, problems } = normalisePeople(sightings);
  const emails = people.filter((p) => p.email).map((p) => p.email);
  assert.equal(new Set(emails).size, emails.length);
  const at = (name: string) => people[personOf[sightings.findIndex((s) => s.name === name && !s.email)]];
  assert.equal(at('Matthew Wilcox').email, 'willy@infradead.org');
  assert.equal(at('Jan Kara').email, 'jack@suse.cz');
  assert.equal(at('Jerome Glisse').email, 'jglisse@redhat.com');
  // "john.hubbard" is an address's local part; "John Hubbard" has two addresses: not guessed.
  assert.equal(at('john.hubbard').email, 'john.hubbard@gmail.com');
  assert.equal(at('John Hubbard').email, null);
  assert.ok(problems.some((p) => p.startsWith('"John Hubbard" matches 2 addresses')));
  // Someone the header never named stays a name-only person.
  assert.equal(at('Dave Chinner').email, null);
  assert.equal(at('Dave Chinner').sightings, overviewNames.filter((n) => n === 'Dave Chinner').length);
});

test('name variants over time: the most recent name is the name', () => {
  const { people } = normalisePeople([
    { name: 'Jerome Glisse', email: 'JGlisse@redhat.com', date: '2018-12-12T15:03:20Z' },
    { name: 'Jérôme Glisse', email: 'jglisse@redhat.com', date: '2019-01-03T01:55:00Z' },
    { name: '"Jerome Glisse"', email: '<jglisse@redhat.com>', date: '2018-01-01T00:00:00Z' },
  ]);
  assert.equal(people.length, 1);
  assert.deepEqual(people[0], {
    index: 0, email: 'jglisse@redhat.com', name: 'Jérôme Glisse', names: ['Jerome Glisse', 'Jérôme Glisse'],
    firstSeen: '2018-01-01T00:00:00Z', lastSeen: '2019-01-03T01:55:00Z', sightings: 3,
  });
});

test('list rewrites: X-Original-From, then Reply-To, else the name alone', () => {
  const list = { name: 'Gao Xiang via Linux-erofs', email: 'linux-erofs@lists.ozlabs.org', listId: '<linux-erofs.lists.ozlabs.org>' };
  assert.deepEqual(resolveSender({ ...list, originalFrom: 'Gao Xiang <hsiangkao@aol.com>' }), {
    name: 'Gao Xiang', email: 'hsiangkao@aol.com', rewrite: { listAddress: 'linux-erofs@lists.ozlabs.org', source: 'x-original-from' },
  });
  assert.deepEqual(resolveSender({ ...list, replyTo: [{ name: null, email: 'linux-erofs@lists.ozlabs.org' }, { name: 'Gao Xiang', email: 'hsiangkao@aol.com' }] }).email, 'hsiangkao@aol.com');
  const bare = resolveSender(list);
  assert.deepEqual([bare.name, bare.email, bare.rewrite?.source], ['Gao Xiang', null, 'name-only']);
  // No rewrite: an ordinary sender is left alone, a "via" in an ordinary address too.
  assert.equal(resolveSender({ name: 'Chao Yu', email: 'yuchao0@huawei.com', listId: '<linux-erofs.lists.ozlabs.org>' }).rewrite, null);
  // Together: the rewritten sighting joins the real address's person, never the list's.
  const { people, personOf } = normalisePeople([
    { name: 'Gao Xiang', email: 'hsiangkao@aol.com', date: '2020-01-01T00:00:00Z' },
    { ...list, date: '2020-01-02T00:00:00Z' },
    { name: 'Junk', email: 'not an address' },
    null as unknown as PersonSighting,
  ]);
  assert.equal(personOf[1], personOf[0]);
  assert.ok(!people.some((p) => p.email === 'linux-erofs@lists.ozlabs.org'));
  assert.equal(people[personOf[2]].email, null);
  assert.equal(personOf[3], -1);
});

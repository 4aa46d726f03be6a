// A tiny public-inbox v2 inbox of two epochs, made with real git, whose discussion crosses the
// epoch boundary: a series posted in epoch 0 is reviewed, answered, quoted and re-posted as v2
// in epoch 1; one message sits in both epochs (a duplicate Message-ID); one reply names a
// message nobody has (a stub); a sender's display name changes between the epochs; epoch 1
// removes a message epoch 0 stored.
import { join } from 'node:path';
import { makeRepo } from '../sources/helpers.js';

interface Mail {
  id: string;
  from: string;
  subject: string;
  date: string;
  replyTo?: string[];
  body: string;
}

const ANN = 'Ann Author <ann@example.org>';
const BOB = 'Bob Reviewer <bob@example.org>';

function text(m: Mail): string {
  const refs = m.replyTo ?? [];
  return [
    `From: ${m.from}`,
    `Subject: ${m.subject}`,
    `Date: ${m.date}`,
    `Message-ID: <${m.id}>`,
    ...(refs.length ? [`In-Reply-To: <${refs.at(-1)}>`, `References: ${refs.map((r) => `<${r}>`).join(' ')}`] : []),
    'List-Id: <linux-mm.kvack.org>',
    'Content-Type: text/plain; charset=utf-8',
    '',
    m.body,
    '',
  ].join('\n');
}

function diff(fn: string, file: string, from: string, to: string): string {
  return [
    `Fix ${fn}() against truncate_inode_pages() racing with it.`,
    '',
    'Signed-off-by: Ann Author <ann@example.org>',
    '---',
    `diff --git a/${file} b/${file}`,
    'index 1111111..2222222 100644',
    `--- a/${file}`,
    `+++ b/${file}`,
    `@@ -10,6 +10,6 @@ static int ${fn}(struct vm_fault *vmf)`,
    ` static int ${fn}(struct vm_fault *vmf)`,
    ' {',
    '\tstruct page *page;',
    `-\tpage = ${from};`,
    `+\tpage = ${to};`,
    '\treturn 0;',
    ' }',
    '-- ',
    '2.40.0',
  ].join('\n');
}

/** Stored in epoch 0, removed from the inbox by a `d` blob in epoch 1. */
const SPAM: Mail = { id: 'spam@x', from: 'Spammer <spam@example.net>', subject: 'cheap do_no_page', date: 'Tue, 3 Jan 2023 11:00:00 +0000',
  body: 'Buy now.' };

const JUNK: Mail = { id: 'junk@x', from: 'Spammer <spam@example.net>', subject: 'junk', date: 'Mon, 2 Jan 2023 11:00:00 +0000', body: 'Junk.' };

export const EPOCH0: Mail[] = [
  { id: 'cover@x', from: ANN, subject: '[PATCH 0/2] mm: close the truncate race in do_no_page', date: 'Mon, 2 Jan 2023 10:00:00 +0000',
    body: 'This series closes the race between truncate and do_no_page().\n\nAnn' },
  { id: 'p1@x', from: ANN, subject: '[PATCH 1/2] mm: recheck the mapping in do_no_page', date: 'Mon, 2 Jan 2023 10:00:01 +0000',
    replyTo: ['cover@x'], body: diff('do_no_page', 'mm/memory.c', 'find_page(mapping)', 'find_lock_page(mapping)') },
  { id: 'p2@x', from: ANN, subject: '[PATCH 2/2] mm: lock the page in filemap_fault', date: 'Mon, 2 Jan 2023 10:00:02 +0000',
    replyTo: ['cover@x'], body: diff('filemap_fault', 'mm/filemap.c', 'find_get_page(mapping)', 'find_lock_page(mapping)') },
  { id: 'r1@x', from: BOB, subject: 'Re: [PATCH 1/2] mm: recheck the mapping in do_no_page', date: 'Mon, 2 Jan 2023 12:00:00 +0000',
    replyTo: ['cover@x', 'p1@x'],
    body: 'On Mon, Jan 02, 2023 at 10:00:01AM +0000, Ann Author wrote:\n> Fix do_no_page() against truncate_inode_pages() racing with it.\n\nDoes unmap_mapping_range() still need the seqcount then?\n\nBob' },
  { id: 'lone@x', from: 'Carl Other <carl@example.org>', subject: 'mm: a question about vm_fault', date: 'Tue, 3 Jan 2023 09:00:00 +0000',
    body: 'Why does handle_mm_fault() take the lock twice?\n\nCarl' },
  SPAM,
];

export const EPOCH1: Mail[] = [
  // Answers epoch 0's reply: the thread crosses the boundary.
  { id: 'r2@x', from: 'Ann B. Author <ann@example.org>', subject: 'Re: [PATCH 1/2] mm: recheck the mapping in do_no_page', date: 'Wed, 4 Jan 2023 08:00:00 +0000',
    replyTo: ['cover@x', 'p1@x', 'r1@x'],
    body: 'On Mon, Jan 02, 2023 at 12:00:00PM +0000, Bob Reviewer wrote:\n> Does unmap_mapping_range() still need the seqcount then?\n\nYes: filemap_fault() reads it without the lock.\n\nAnn' },
  { id: 'rev@x', from: 'Dan Tester <dan@example.org>', subject: 'Re: [PATCH 2/2] mm: lock the page in filemap_fault', date: 'Wed, 4 Jan 2023 09:00:00 +0000',
    replyTo: ['cover@x', 'p2@x'],
    body: '> +\tpage = find_lock_page(mapping);\n\nLooks right to me.\n\nReviewed-by: Dan Tester <dan@example.org>\nTested-by: Dan Tester <dan@example.org>' },
  { id: 'v2@x', from: 'Ann B. Author <ann@example.org>', subject: '[PATCH v2] mm: recheck the mapping in do_no_page', date: 'Thu, 5 Jan 2023 10:00:00 +0000',
    body: diff('do_no_page', 'mm/memory.c', 'find_page(mapping)', 'find_lock_page(mapping) ?: NULL') },
  // The same Message-ID as in epoch 0, re-sent: one message, two copies.
  { id: 'lone@x', from: 'Carl Other <carl@example.org>', subject: 'mm: a question about vm_fault', date: 'Tue, 3 Jan 2023 09:00:00 +0000',
    body: 'Why does handle_mm_fault() take the lock twice?\n\nCarl' },
  // Names a parent no epoch has: a stub.
  { id: 'orphan@x', from: BOB, subject: 'Re: an old thread', date: 'Fri, 6 Jan 2023 10:00:00 +0000',
    replyTo: ['gone@x'], body: 'Still true for do_no_page().\n\nBob' },
];

/** Writes the inbox (git/0.git, git/1.git) under `dir`; returns its path. */
export function makeTwoEpochInbox(dir: string, name = 'linux-mm'): string {
  const inbox = join(dir, name);
  // Epoch 0 also removes a message of its own half-way: a gap in its row ids.
  const epoch0 = EPOCH0.map((m) => ({ write: { m: text(m) } }));
  epoch0.splice(3, 0, { write: { m: text(JUNK) } }, { remove: ['m'], write: { d: text(JUNK) } } as never);
  makeRepo(join(inbox, 'git', '0.git'), epoch0);
  makeRepo(join(inbox, 'git', '1.git'), [...EPOCH1.map((m) => ({ write: { m: text(m) } })), { remove: ['m'], write: { d: text(SPAM) } }]);
  return inbox;
}

// A hand-built HistoryInput shaped like the 2003 do_no_page thread, plus hostile mail text,
// so the renderers can be tested without a database.
import type { HistoryEntry, HistoryInput, HistoryMessage, HistoryThread } from '../../src/history/types.js';

const andrea = { name: 'Andrea Arcangeli', email: 'andrea@suse.de' };
const paul = { name: 'Paul E. McKenney', email: 'paulmck@us.ibm.com' };

function msg(over: Partial<HistoryMessage> & { messageId: string }): HistoryMessage {
  return {
    synthetic: false, subject: null, author: { name: null, email: null }, date: null, stub: false,
    parentMessageId: null, depth: 0, hasPatch: false, ...over,
  };
}

export const HOSTILE_SUBJECT = '<script>window.__pwned = 1; alert(1)</script>';
export const HOSTILE_BODY = '<img src=x onerror="window.__pwned = 2; alert(2)">';

/** The entry a loader would make of the thread: one posting touching do_no_page, a robot's report. */
function entryOf(thread: HistoryThread, reply: HistoryMessage, hostile: HistoryMessage): HistoryEntry {
  return {
    rank: 1, title: 'Convert do_no_page() to a hook to avoid DFS race', basis: 'touches',
    why: ['the patch touches do_no_page (1 hunk, +23/−0)', 'discussed in prose by Andrea Arcangeli (1 message)'],
    firstDate: thread.firstDate, lastDate: thread.lastDate, proposer: andrea,
    versions: [
      { version: 1, date: '2003-05-30T23:41:50Z', message: null, hunks: 1, additions: 20, deletions: 0, change: 'first' },
      { version: 2, date: '2003-06-01T12:22:00Z', message: reply, hunks: 1, additions: 23, deletions: 0, change: 'changed' },
    ],
    touching: [{
      message: reply, subject: '9999_truncate-nopage-race-1', author: andrea, date: reply.date, version: 2, part: null, partTotal: null,
      hunks: 1, additions: 23, deletions: 0, upstream: 'merged as d00806b18315 (first in v2.6.23)', latest: true,
    }],
    hunks: [{
      path: 'mm/memory.c', header: 'do_no_page(struct mm_struct *mm, struct vm_area_struct *vma,', omitted: 0, additions: 1, deletions: 0,
      lines: [' \tspin_lock(&mm->page_table_lock);', '+\tif (unlikely(seq != atomic_read(&mapping->truncate_count))) {', ' \t\tpte_unmap(page_table);'],
    }],
    discussion: [{ message: reply, author: andrea, date: reply.date, text: HOSTILE_BODY }],
    arguments: thread.arguments,
    reviews: [],
    reports: [{ message: hostile, author: { name: 'kernel test robot', email: 'lkp@intel.com' }, date: hostile.date, subject: hostile.subject }],
    races: thread.races,
    outcome: thread.outcome,
    threads: [thread.rootMessageId],
  };
}

export function fixtureInput(): HistoryInput {
  const input = threadInput();
  return { ...input, entries: [entryOf(input.threads[0], input.threads[0].messages[1], input.threads[0].messages[2])] };
}

function threadInput(): HistoryInput {
  const root = msg({
    messageId: 'paul-1@us.ibm.com', subject: '[RFC][PATCH] Convert do_no_page() to a hook to avoid DFS race',
    author: paul, date: '2003-05-30T23:41:50Z', stub: true,
  });
  const reply = msg({
    messageId: 'page-000-andrea.invalid', synthetic: true,
    subject: 'Re: Always passing mm and vma down', author: andrea, date: '2003-06-01T12:22:00Z',
    parentMessageId: 'paul-1@us.ibm.com', depth: 1, hasPatch: true,
  });
  const hostile = msg({
    messageId: 'evil@example.org', subject: HOSTILE_SUBJECT, author: { name: HOSTILE_BODY, email: null },
    date: '2003-06-02T08:00:00Z', parentMessageId: 'page-000-andrea.invalid', depth: 2,
  });
  return {
    subject: {
      query: 'do_no_page', kind: 'function',
      names: ['do_no_page', '__do_fault', 'do_read_fault'],
      lineage: [{
        from: 'do_no_page', to: ['__do_fault'], commit: '54cb8821de07', release: '2.6.23',
        citation: 'mm: merge populate and nopage into fault (fixes nonlinear)', source: 'lineage-file',
      }],
    },
    since: null, until: null, entries: [],
    notes: ['quotes table is empty: argument pairs were cut from message bodies'],
    threads: [{
      rootMessageId: root.messageId, subject: root.subject, firstDate: root.date, lastDate: hostile.date,
      matchedBy: ['touches do_no_page (mm/memory.c)'],
      messages: [root, reply, hostile],
      proposal: {
        message: reply, author: andrea, date: reply.date, source: 'segments',
        paragraphs: [
          'And w/o proper high level locking, the non distributed filesystems will corrupt the VM too with truncate against nopage.',
          HOSTILE_BODY,
        ],
      },
      patches: [{
        message: reply, ordinal: 1, subject: '9999_truncate-nopage-race-1', origin: 'attachment',
        attachmentName: '9999_truncate-nopage-race-1',
        files: [{ path: 'mm/memory.c', status: 'modified', additions: 23, deletions: 0 }],
        functions: ['do_no_page', 'vmtruncate'], insertions: 23, deletions: 0, version: 1, part: null, partTotal: null,
      }],
      arguments: [{
        point: { text: 'Or is this a performance issue, avoiding a dereference?', author: paul,
          date: 'Sat, May 31, 2003 at 04:48:16PM -0700', message: null },
        reply: { text: `it's a performance microoptimization issue\n\n${HOSTILE_SUBJECT}`, author: andrea,
          date: reply.date, message: reply },
      }],
      trailers: [{
        name: 'Needs-review-by', value: 'Hugh Dickins <hughd@google.com>', person: { name: 'Hugh Dickins', email: 'hughd@google.com' },
        message: reply, patchSubject: '9999_truncate-nopage-race-1', inReply: false,
      }],
      races: [{
        scenario: 'truncate-nopage', title: 'truncate vs ->nopage', how: 'declared', score: null,
        patches: [reply],
        verdicts: [
          { variant: 'before', verdict: 'violation', invariant: 'INV_ORPHAN', states: 120, schedule: 'F1 F2 T1 T2 F3' },
          { variant: 'patched', verdict: 'ok', invariant: null, states: 340, schedule: null },
        ],
        evidence: [],
        counterexample: { variant: 'before', steps: [
          { thread: 'fault', label: 'do_no_page: i_size check passes; page P found' },
          { thread: 'truncate', label: 'vmtruncate: i_size = 0; zap (nothing mapped)' },
          { thread: 'fault', label: 'set_pte(P) under page_table_lock' },
          { thread: 'truncate', label: 'truncate_inode_pages: P leaves the page cache; P->mapping = NULL' },
        ] },
      }],
      outcome: [{ text: 'mm: fix fault vs invalidate race for linear mappings', commit: 'd00806b18315', release: '2.6.23' }],
      stubs: [root],
    }],
  };
}

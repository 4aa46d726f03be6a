// A hand-built HistoryInput shaped like the 2003 do_no_page thread, plus hostile mail text,
// so the renderers can be tested without a database.
import type { HistoryInput, HistoryMessage } from '../../src/history/types.js';

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

export function fixtureInput(): HistoryInput {
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
    since: null, until: null,
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

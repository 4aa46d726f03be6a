// What each scenario models, by provenance: the patches (by `git patch-id --stable`, which
// survives reposts, re-quoting and archives that lost the Message-ID), the messages, and the
// threads. Functions and locks come from the Scenario itself (src/sim/scenarios/).
//
// How the patch ids were obtained: `lorelab start --db /tmp/x.db` on corpora/, then
//   sqlite3 /tmp/x.db "select message_id, ordinal, attachment_name, patch_id from patches"
// i.e. lorelab's own gitPatchId (src/patch) over the patches as the seed pages carry them.
// Declarations for scenarios the simulator does not (yet) have are kept and reported, not used.

export interface Declaration {
  /** `git patch-id --stable` of each patch the scenario models. */
  patchIds: string[];
  /** Message-IDs (without <>) of the messages carrying the patch or the argument. */
  messageIds: string[];
  /** Thread subjects, as a reader would search for them. */
  threads: string[];
  /** Why these: one line a reviewer can check against corpora/ and seed-races.md. */
  note: string;
}

export const declarations: Readonly<Record<string, Declaration>> = {
  'truncate-nopage': {
    // corpora/000: attachment 9999_truncate-nopage-race-1 (the page shows no Message-ID).
    patchIds: ['802f446eafb91b63159993238bbc15d878d7bcb8'],
    messageIds: [],
    threads: ['Always passing mm and vma down (was: [RFC][PATCH] Convert do_no_page() to a hook to avoid DFS race)'],
    note: "Andrea Arcangeli's frlock truncate_lock patch, 1 Jun 2003 (seed B.1).",
  },
  'futex-cow-fork': {
    // corpora/001: the inline patch of futex-2.5.38-C5 (the page shows no Message-ID).
    patchIds: ['eab97fce29e27b64ce6e4849ca3b862da073709a'],
    messageIds: [],
    threads: ["[patch] 'sticky pages' support in the VM, futex-2.5.38-C5"],
    note: "Ingo Molnar's PG_sticky patch, 26 Sep 2002, and Martin Wirth's reply (seed B.2).",
  },
  'gup-writeback': {
    // corpora/002 carries Jérôme Glisse's proposal as prose; no diff.
    patchIds: [],
    messageIds: ['20181212150319.GA3432@redhat.com'],
    threads: ['[PATCH 1/2] mm: introduce put_user_page*(), placeholder versions'],
    note: "Jérôme Glisse's GUP-vs-writeback proposal, 12 Dec 2018 (seed B.3).",
  },
  'srcu-vma': {
    // corpora/003: Peter Zijlstra's reply, prose only.
    patchIds: [],
    messageIds: [],
    threads: ['Splitting the mmap_sem'],
    note: 'Speculative fault under SRCU vs munmap, Feb 2020 (seed B.4).',
  },
  'map-pages-lock': {
    // corpora/004: attachment 0004-mm-make-filemap_map_pages-avoid-the-page-lock-if-pos.patch;
    // The scenario also names the message, so parts 1-3 (neutral for the race) link as declared too.
    patchIds: ['5875aba3067b9f9c7562b1fe000405af0bbf089e'],
    messageIds: [],
    threads: ['[PATCH 0/4] Some more lock_page work..'],
    note: "Linus Torvalds' patch 4/4, filemap_map_pages without the page lock, 13 Oct 2020 (seed B.5).",
  },
};

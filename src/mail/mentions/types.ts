// Mentions: code symbols named in subjects and prose, one row of the `mentions` table each.

/**
 * 'function' do_no_page(), 'member' vma->vm_mm, 'operation' ->nopage (a method slot, stored
 * without the arrow), 'macro' PG_sticky / FUTEX_WAIT / ERR_PTR(), 'struct' struct page (stored as
 * "page"), 'file' mm/memory.c, 'identifier' a bare snake_case name (get_user_pages, mmap_sem)
 * that is code but could be a function, a variable or a field.
 */
export type MentionKind = 'function' | 'member' | 'operation' | 'macro' | 'struct' | 'file' | 'identifier';

/** 'prose': the sender's new text; 'quoted': text quoted from earlier messages. */
export type MentionPlace = 'subject' | 'prose' | 'quoted';

export interface Mention {
  symbol: string;
  kind: MentionKind;
  place: MentionPlace;
  count: number;
}

/** Symbols known from code (diffs of this message or its thread): name → kind. */
export type Vocabulary = Map<string, MentionKind>;

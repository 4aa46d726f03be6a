// findMentions: which code symbols a message names in its subject, its new prose and the prose it
// quotes (diffs, signatures, trailers, footers and attribution lines are not prose).
import type { Segment } from '../segment/index.js';
import { codeShapes } from './patterns.js';
import { addCallAndOperationNames } from './anchored.js';
import type { Mention, MentionKind, MentionPlace, Vocabulary } from './types.js';

/** When one symbol is seen in several shapes, the more specific kind names it. */
const KIND_RANK: Record<MentionKind, number> = {
  function: 6, operation: 5, macro: 5, struct: 4, member: 4, file: 4, identifier: 1,
};

/**
 * Common English words that are also kernel function names: a bare "truncate" or "lock" in prose
 * is English, even when the code has truncate() — only the code shapes count for these.
 */
const ENGLISH = new Set(
  ('read write open close lock unlock free alloc copy sleep wait wake fork exec exit kill send recv ' +
   'truncate sync flush init get put set clear test start stop run schedule map unmap page file list find ' +
   'insert remove delete update check create destroy release reset split merge move fault pin unpin mark ' +
   'count dump print panic yield walk lookup install retry drop hold grab fill load store add sub ' +
   'down up done next last first size show work queue error handle').split(' '),
);

export interface FindMentionsOptions {
  /** Symbols known from code elsewhere (the thread's patches): bare words matching them count. */
  vocabulary?: Vocabulary;
  /** Code texts of the message outside its body (attached patches): their names count too. */
  code?: string[];
}

export function findMentions(subject: string | null, segments: Segment[], options: FindMentionsOptions = {}): Mention[] {
  const vocabulary = new Map(options.vocabulary ?? []);
  const list = Array.isArray(segments) ? segments : [];
  const code = [...list.filter((s) => s.kind === 'diff').map((s) => s.text), ...(options.code ?? [])];
  // Reading code for names is the costly part: done only when the prose has a word code could name.
  if (code.length && mayNameCode(subject, list, code)) {
    for (const [symbol, kind] of codeVocabulary(code)) {
      if (!vocabulary.has(symbol)) vocabulary.set(symbol, kind);
    }
  }
  const tally = new Map<string, Mention>();
  const count = (text: string, place: MentionPlace) => {
    for (const { symbol, kind } of [...codeShapes(text), ...vocabularyWords(text, vocabulary)]) {
      const key = `${place}\u0000${symbol}`;
      const seen = tally.get(key);
      if (!seen) tally.set(key, { symbol, kind, place, count: 1 });
      else {
        seen.count++;
        if (KIND_RANK[kind] > KIND_RANK[seen.kind]) seen.kind = kind;
      }
    }
  };
  if (typeof subject === 'string') count(subject, 'subject');
  for (const segment of list) {
    if (segment.kind === 'prose') count(segment.text, 'prose');
    else if (segment.kind === 'quote') count(segment.text, 'quoted');
  }
  const placeOrder: Record<MentionPlace, number> = { subject: 0, prose: 1, quoted: 2 };
  return [...tally.values()].sort((a, b) => placeOrder[a.place] - placeOrder[b.place] || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}

/** Names that code (diffs, attachments) defines or calls: a vocabulary for findMentions. */
export function codeVocabulary(codeTexts: string[]): Vocabulary {
  const vocabulary: Vocabulary = new Map();
  for (const text of codeTexts) {
    for (const { symbol, kind } of codeShapes(text, false)) {
      if (kind === 'identifier' || kind === 'file') continue;
      const had = vocabulary.get(symbol);
      if (!had || KIND_RANK[kind] > KIND_RANK[had]) vocabulary.set(symbol, kind);
    }
  }
  return vocabulary;
}

/** A plain word of prose, as vocabularyWords reads them. */
const PLAIN_WORD = /(?<![\w>.(-])([a-z][a-z0-9]{3,})(?![\w(]|->)/g;

/**
 * Whether some plain word of the subject, prose or quotes appears in the code as a call `word(`
 * or an operation `->word` — what any vocabulary entry vocabularyWords can use needs. A filter
 * only: codeVocabulary still decides.
 */
function mayNameCode(subject: string | null, segments: Segment[], code: string[]): boolean {
  const named = new Set<string>();
  for (const text of code) {
    addCallAndOperationNames(text, named);
  }
  if (named.size === 0) return false;
  const texts = [subject ?? '', ...segments.filter((s) => s.kind === 'prose' || s.kind === 'quote').map((s) => s.text)];
  return texts.some((text) => [...text.matchAll(PLAIN_WORD)].some((m) => named.has(m[1]) && !ENGLISH.has(m[1])));
}

/** Bare words of prose that the vocabulary knows as functions or operations ("nopage"). */
function vocabularyWords(text: string, vocabulary: Vocabulary): Array<{ symbol: string; kind: MentionKind }> {
  if (vocabulary.size === 0) return [];
  const found: Array<{ symbol: string; kind: MentionKind }> = [];
  // Only plain words: code shapes (calls, ->ops, snake_case) are counted by codeShapes already.
  for (const m of text.matchAll(PLAIN_WORD)) {
    const word = m[1];
    const kind = vocabulary.get(word);
    if ((kind === 'function' || kind === 'operation') && !ENGLISH.has(word)) found.push({ symbol: word, kind });
  }
  return found;
}

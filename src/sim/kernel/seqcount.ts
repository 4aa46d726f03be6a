// Sequence counts. The frlock of Andrea's 2003 patch keeps two counters: the writer bumps
// pre_sequence on entry and post_sequence on exit; a reader samples post_sequence at the start
// (fr_read_begin) and pre_sequence at the end (fr_read_end) and retries when they differ.
// truncate_count (2.5.72-mm2) is a single generation counter bumped by truncate.

export interface FrLock {
  pre: number;
  post: number;
}

export const frlock = (): FrLock => ({ pre: 0, post: 0 });

export function frWriteLock(l: FrLock): void {
  l.pre++;
}

export function frWriteUnlock(l: FrLock): void {
  l.post++;
}

/** fr_read_begin(): returns post_sequence. */
export const frReadBegin = (l: FrLock): number => l.post;

/** fr_read_end(): returns pre_sequence; the read was clean if it equals fr_read_begin's. */
export const frReadEnd = (l: FrLock): number => l.pre;

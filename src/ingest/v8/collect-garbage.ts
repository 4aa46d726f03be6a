// A full garbage collection between the passes that read the whole graph. Each pass leaves its
// working set behind as garbage, and V8 collects only once the heap has grown well past what is
// live: the series pass, starting on top of the garbage of threading and quotes, took the
// process past the memory target. Collecting first keeps it under, and costs little, as little
// is left alive.
//
// Node exposes gc() only under --expose-gc; setting the flag at run time makes it available to
// contexts created afterwards, which is all this needs. Without it, this does nothing.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('typeof gc === "function" ? gc : null');
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}

/** Messages at least this large leave garbage worth collecting early: decoded copies of megabytes. */
const LARGE_MESSAGE = 256 * 1024;
/** Large mail handled (in one thread) between two collections. */
const COLLECT_AFTER = 16 * 1024 * 1024;

/**
 * A counter of handled messages' sizes that runs `collect` after every `after` bytes of large
 * messages. Lore mail is a few KB and never triggers it (linux-fscrypt: one message over 256 KB);
 * an archive of multi-megabyte messages left a few hundred MB of dead strings and buffers between
 * V8's own collections, in each thread that parsed or wrote them.
 */
export function largeMailCollector(collect: () => void, limits = { large: LARGE_MESSAGE, after: COLLECT_AFTER }): (bytes: number) => void {
  let sinceCollection = 0;
  return (bytes) => {
    if (bytes < limits.large) return;
    sinceCollection += bytes;
    if (sinceCollection < limits.after) return;
    sinceCollection = 0;
    collect();
  };
}

/** This thread's: call with each message's raw size once it is done with. */
export const collectAfterLargeMail = largeMailCollector(collectGarbage);

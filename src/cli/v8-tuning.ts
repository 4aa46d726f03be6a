// V8 settings for lorelab's long jobs. V8 flags belong to the process, so the CLI sets them, not
// the library: `ingest()` called from someone else's program leaves their V8 as it is.
import { setFlagsFromString } from 'node:v8';

let applied = false;

/**
 * Turns off TurboFan's inlining. An ingest runs the same few hundred functions (mail parsing,
 * diffs, symbols, segments, SQL) in up to three isolates, and V8 optimises each of them again
 * whenever new input shapes deoptimise it: on linux-fscrypt (7,548 messages, ~7 s) compiling
 * was ~2.5 s of the ~12 s of CPU, most of it inlining big callees into big callers. Without
 * inlining that compile work is about a third smaller and the run 6–9% shorter; on 100,000
 * messages the time is the same (README, "Figures"). Set once, before the hot code is
 * optimised; workers started later share it.
 */
export function tuneV8ForIngest(): void {
  if (applied) return;
  applied = true;
  setFlagsFromString('--no-turbo-inlining');
}

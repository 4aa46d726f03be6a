// V8 settings for lorelab's long jobs. V8 flags belong to the process, so the CLI sets them, not
// the library: `ingest()` called from someone else's program leaves their V8 as it is.
import { setFlagsFromString } from 'node:v8';

/**
 * Turns off TurboFan's inlining. An ingest runs the same few hundred functions (mail parsing,
 * diffs, symbols, segments, SQL) in up to three isolates, and V8 optimises each of them again
 * whenever new input shapes deoptimise it: on linux-fscrypt (7,548 messages, ~7 s) compiling
 * was ~2.5 s of the ~12 s of CPU (perf). Without inlining each compile is smaller: that work is
 * about a third less and the run 6–10% shorter, while 100,000 messages take the same time
 * (src/ingest/README.md, "Compiling"). Set before the hot code is optimised; workers started
 * later share it. Setting it again (a second ingest in one process) changes nothing.
 */
export function tuneV8ForIngest(): void {
  setFlagsFromString('--no-turbo-inlining');
}

// V8 settings for lorelab's long jobs. V8 flags belong to the process, so the CLI sets them, not
// the library: `ingest()` called from someone else's program leaves their V8 as it is.
import { setFlagsFromString } from 'node:v8';

/**
 * Turns off TurboFan's inlining. An ingest runs the same few hundred functions (mail parsing,
 * diffs, symbols, segments, SQL) in up to three isolates, and V8 optimises each of them again
 * whenever new input shapes deoptimise it: on a short run compiling is a large share of the CPU
 * (perf). Without inlining each compile is smaller, and a short run is measurably shorter while
 * a long one takes the same time (docs/decisions/0004-turbofan-inlining-off.md). Set before the
 * hot code is optimised; workers started
 * later share it. Setting it again (a second ingest in one process) changes nothing.
 */
export function tuneV8ForIngest(): void {
  setFlagsFromString('--no-turbo-inlining');
}

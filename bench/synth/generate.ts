// Makes a lore-like synthetic archive for benchmarks, deterministic from a seed. Never commit
// its output. Usage:
//   node --import tsx bench/synth/generate.ts [--out DIR] [--count 100000] [--seed 1]
//        [--per-epoch 50000] [--mbox FILE]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthArchive } from './archive.js';
import { writeInbox, writeMboxrd } from './write.js';

export interface SynthOptions {
  out?: string;
  count?: number;
  seed?: number;
  perEpoch?: number;
  mbox?: string;
}

export interface SynthResult {
  inbox: string;
  epochs: number;
  count: number;
  seconds: number;
}

/** Writes the inbox (and the mbox, when asked) and says where it is. */
export async function generateArchive(options: SynthOptions = {}): Promise<SynthResult> {
  const count = options.count ?? 100_000;
  const seed = options.seed ?? 1;
  const inbox = options.out ?? mkdtempSync(join(tmpdir(), 'lorelab-synth-'));
  const started = performance.now();
  const epochs = await writeInbox(inbox, synthArchive(seed, count), options.perEpoch ?? Number.MAX_SAFE_INTEGER);
  if (options.mbox) await writeMboxrd(options.mbox, synthArchive(seed, count));
  return { inbox, epochs, count, seconds: (performance.now() - started) / 1000 };
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const number = (name: string) => (argument(name) === undefined ? undefined : Number(argument(name)));
  const result = await generateArchive({
    out: argument('out'),
    count: number('count'),
    seed: number('seed'),
    perEpoch: number('per-epoch'),
    mbox: argument('mbox'),
  });
  console.log(`${result.count} messages in ${result.epochs} epoch(s) at ${result.inbox} (${result.seconds.toFixed(1)} s)`);
}

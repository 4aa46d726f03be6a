// `lorelab mirror <list> [DIR]`: every epoch of a list's public-inbox git archive, cloned (or
// fetched, later), then ingested; later runs ingest only the new commits.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { mirrorList, MirrorError, type MirrorResult } from '../../lore/index.js';
import { dbPath } from '../db-option.js';
import { CliError } from '../errors.js';
import { printJson } from '../output.js';
import { formatIngestSummary, runIngest } from '../run-ingest.js';
import { loreBase } from './lore-base.js';

interface MirrorFlags {
  lore?: string;
  ingest: boolean;
  json?: boolean;
}

export function registerMirror(program: Command): void {
  program
    .command('mirror')
    .description("mirror a list's public-inbox git archive (every epoch) and ingest it; run again to bring in what is new")
    .argument('<list>', 'the list as lore names it, e.g. linux-mm')
    .argument('[dir]', 'where the mirror lives (default ./<list>)')
    .option('--lore <base>', 'the public-inbox server (env LORELAB_LORE; default https://lore.kernel.org)')
    .option('--no-ingest', 'only mirror')
    .option('--json', 'print the epochs and the ingest summary as JSON')
    .addHelpText('after', `
Epoch N is cloned with \`git clone --mirror <base>/<list>/N <dir>/git/N.git\` for N = 0, 1, …
until the server has no epoch N. A later run fetches the epochs already there, looks for new
ones, and ingests only the commits it has not read before. The directory is a public-inbox v2
inbox: \`lorelab ingest <dir>\` reads it too.

Examples:
  lorelab mirror linux-fscrypt
  lorelab mirror linux-mm ~/lore/linux-mm           (large: linux-mm is several GB)
  lorelab mirror linux-fscrypt --lore https://lore.example.org --json`)
    .action(async (list: string, dir: string | undefined, flags: MirrorFlags, command: Command) => {
      const base = loreBase(flags.lore);
      const target = resolve(dir ?? list);
      let mirrored: MirrorResult;
      try {
        mirrored = await mirrorList(base, list, target, {
          onEpoch: (epoch, action, url) => process.stderr.write(`mirror: ${action} epoch ${epoch} (${url})\n`),
        });
      } catch (error) {
        if (error instanceof MirrorError) throw new CliError(error.message, 1);
        throw error;
      }
      const summary = flags.ingest ? await runIngest(dbPath(command), [target]) : null;
      if (flags.json) printJson({ ...mirrored, ingest: summary });
      else {
        const counts = ['cloned', 'updated', 'unchanged'].map((a) => [a, mirrored.epochs.filter((e) => e.action === a).length] as const).filter(([, n]) => n > 0);
        process.stdout.write(`${list}: ${mirrored.epochs.length} epoch${mirrored.epochs.length === 1 ? '' : 's'} in ${target} (${counts.map(([a, n]) => `${n} ${a}`).join(', ')})\n`);
        if (summary) process.stdout.write(formatIngestSummary(summary));
      }
      if (summary && summary.failed > 0) process.exitCode = 1;
    });
}

// `lorelab sim new --from-patch <message-id> [--patch N] [-o FILE]`: a runnable draft race file
// (src/sim/scenarios/FORMAT.md) for a patch no scenario models yet.
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { draftFromStore } from '../../link/patch-draft.js';
import { isGitRepository } from '../../link/source-functions.js';
import { openReadOnly } from '../../store/open.js';
import { dbPath } from '../db-option.js';
import { CliError } from '../errors.js';
import { messageIdFromArgument } from '../../util/message-id.js';

export function registerSimNew(program: Command): void {
  const sim = program.commands.find((c) => c.name() === 'sim') ?? program.command('sim').description('the race simulator');
  sim
    .command('new')
    .description('write a draft race file for a patch: threads from the locks, sequence counts, page flags, ptes, page references and evaluable branches of its hunks (with --source, of the touched functions whole), an adversary from the catalogue on the same objects with its default invariants, before/after variants')
    .requiredOption('--from-patch <message-id>', 'the Message-ID of the patch mail: bare, <…>, id:…, or its lore URL')
    .option('--patch <n>', 'which diff of the message (1-based)')
    .option('--source <repo>', "a git repository (e.g. a kernel clone): the touched functions whole, from the file at the patch's base (its index line's blobs, else HEAD) and the patch applied")
    .option('-o, --output <file>', 'write the draft here (default: stdout); then: lorelab sim run <file>')
    .addHelpText('after', `
Examples:
  lorelab sim new --from-patch 'CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com' --patch 4 -o my-race.race.yaml
  lorelab sim new --from-patch '<message-id>' --source ~/src/linux -o my-race.race.yaml
  lorelab sim run my-race.race.yaml     # exits 1 when before breaks an invariant: the draft found a race (set its expect)`)
    .action(async (options: { fromPatch: string; patch?: string; source?: string; output?: string }, command: Command) => {
      const patch = options.patch === undefined ? undefined : Number(options.patch);
      if (patch !== undefined && !(Number.isInteger(patch) && patch > 0)) throw new CliError(`--patch takes a number from 1, not "${options.patch}"`);
      const messageId = messageIdFromArgument(options.fromPatch);
      if (options.source !== undefined && !isGitRepository(options.source)) throw new CliError(`--source ${options.source} is not a git repository (give a clone the patch applies to)`);
      const db = openReadOnly(dbPath(command));
      try {
        // The loader wants the race's id to be its file's name.
        const id = options.output ? basename(options.output).replace(/\.race\.ya?ml$|\.ya?ml$/, '') : undefined;
        const draft = await draftFromStore(db, messageId, { patch, source: options.source, id });
        if (!draft.ok) throw new CliError(draft.error);
        for (const note of draft.notes) process.stderr.write(`lorelab: ${note}\n`);
        if (options.output) writeFileSync(options.output, draft.text);
        else process.stdout.write(draft.text);
      } finally {
        db.close();
      }
    });
}

// `lorelab raw <message-id>…`: messages' bytes, fetched back from where they were read; one
// message as it was, several (or --mbox) as an mboxrd that `git am` and mail readers take.
import type { Command } from 'commander';
import { copiesOf } from '../../query/copies.js';
import { readRaw, toMboxrd, type Origin } from '../../sources/index.js';
import { openReadOnly } from '../../store/open.js';
import { dbPath } from '../db-option.js';
import { CliError } from '../errors.js';

interface RawOptions {
  all?: boolean;
  where?: boolean;
  mbox?: boolean;
}

export function registerRaw(program: Command): void {
  program
    .command('raw')
    .description('print the raw bytes of messages from their source (git blob, mbox offset, file, page); several as mboxrd')
    .argument('<message-id...>', 'Message-IDs (with or without angle brackets, or lore URLs)')
    .option('--mbox', 'write mboxrd (From_ lines, >From quoting) even for one message; the default for several')
    .option('--all', 'every stored copy (duplicates too), each after a "==> source (locator)" line')
    .option('--where', 'only say where the copies are')
    .addHelpText('after', `
Examples:
  lorelab raw '<20181212150319.GA3432@redhat.com>'
  lorelab raw id1@example.org id2@example.org id3@example.org | git am
  lorelab raw --mbox https://lore.kernel.org/linux-mm/20181212150319.GA3432@redhat.com/ > one.mbox
  lorelab raw --where id1@example.org

Every Message-ID is looked up before anything is written: one that is not stored is an error
and nothing is printed.`)
    .action(async (messageIds: string[], options: RawOptions, command: Command) => {
      const db = openReadOnly(dbPath(command));
      let found: Origin[][];
      try {
        found = messageIds.map((id) => copiesOf(db, id));
      } finally {
        db.close();
      }
      if (options.all || options.where) {
        for (const copies of found) {
          for (const copy of copies) {
            process.stdout.write(`==> ${copy.source} (${copy.locator})\n`);
            if (!options.where) process.stdout.write(await read(copy));
          }
        }
        return;
      }
      const messages: Buffer[] = [];
      for (const copies of found) messages.push(await read(copies[0]!));
      process.stdout.write(options.mbox || messages.length > 1 ? toMboxrd(messages) : messages[0]!);
    });
}

async function read(copy: Origin): Promise<Buffer> {
  try {
    return await readRaw(copy);
  } catch (error) {
    throw new CliError((error as Error).message, 1);
  }
}

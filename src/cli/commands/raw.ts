// `lorelab raw <message-id>`: the message's bytes, fetched back from where they were read.
import type { Command } from 'commander';
import { copiesOf } from '../../query/copies.js';
import { readRaw } from '../../sources/index.js';
import { openReadOnly } from '../../store/open.js';
import { dbPath } from '../db-option.js';
import { CliError } from '../errors.js';

export function registerRaw(program: Command): void {
  program
    .command('raw')
    .description('print the raw bytes of a message from its source (git blob, mbox offset, file, page)')
    .argument('<message-id>', 'the Message-ID, with or without angle brackets')
    .option('--all', 'every stored copy (duplicates too), each after a "==> source (locator)" line')
    .option('--where', 'only say where the copies are')
    .addHelpText('after', `
Examples:
  lorelab raw '<CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com>'
  lorelab raw 'CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com' --where
  lorelab raw 'CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com' --all > copies.txt`)
    .action(async (messageId: string, options: { all?: boolean; where?: boolean }, command: Command) => {
      const db = openReadOnly(dbPath(command));
      let copies;
      try {
        copies = copiesOf(db, messageId);
      } finally {
        db.close();
      }
      for (const copy of options.all || options.where ? copies : copies.slice(0, 1)) {
        if (options.where || options.all) process.stdout.write(`==> ${copy.source} (${copy.locator})\n`);
        if (options.where) continue;
        try {
          process.stdout.write(await readRaw(copy));
        } catch (error) {
          throw new CliError((error as Error).message, 1);
        }
      }
    });
}

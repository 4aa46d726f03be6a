// `lorelab replay <message-id> [--patch-id ID] [--json] [--emit-test FILE]`: run the race a
// patch's scenario models, print each variant's verdict and the shortest counterexample, store
// the runs, and optionally keep the counterexample as a node:test file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { emitRaceTest, raceTestSpec } from '../../link/emit-test.js';
import { formatReplay } from '../../link/format.js';
import { replayPatch } from '../../link/replay.js';
import { openDatabase } from '../../store/open.js';
import { dbPath } from '../db-option.js';
import { CliError } from '../errors.js';
import { printData, outputFormat, withFormatOptions, type FormatFlags } from '../output.js';

interface ReplayOptions extends FormatFlags { patchId?: string; patch?: string; scenario?: string; schedule?: string; emitTest?: string }

export function registerReplay(program: Command): void {
  withFormatOptions(program
    .command('replay'), 'the report (one object)')
    .description("replay the race a patch's scenario models: every variant's verdict and the shortest counterexample")
    .argument('[message-id]', 'the Message-ID of the patch mail: bare, <…>, id:…, or its lore URL')
    .option('--patch-id <id>', 'choose the patch by its git patch-id --stable instead')
    .option('--patch <n>', 'which diff of the message (1-based), when it carries several')
    .option('--scenario <id>', 'replay against this scenario (e.g. a candidate)')
    .option('--schedule <s>', 'check this interleaving ("0.0.1.1" or thread names) before the patch')
    .option('--emit-test <file>', 'write a node:test file that keeps this race as a regression test')
    .addHelpText('after', `
Examples:
  lorelab replay --patch-id 802f446eafb91b63159993238bbc15d878d7bcb8
  lorelab replay 'CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com' --patch 4 --json
  lorelab replay --patch-id 802f446eafb91b63159993238bbc15d878d7bcb8 --emit-test test/races/truncate-nopage.test.ts`)
    .action((messageId: string | undefined, options: ReplayOptions, command: Command) => {
      const format = outputFormat(options);
      if (messageId === undefined && options.patchId === undefined) throw new CliError('give a Message-ID or --patch-id');
      const patch = options.patch === undefined ? undefined : Number(options.patch);
      if (patch !== undefined && !(Number.isInteger(patch) && patch > 0)) throw new CliError(`--patch takes a number from 1, not "${options.patch}"`);
      const db = openDatabase(dbPath(command));
      try {
        const report = replayPatch(db, { messageId, patchId: options.patchId, patch, scenario: options.scenario, schedule: options.schedule });
        if (options.emitTest) {
          mkdirSync(dirname(options.emitTest), { recursive: true });
          writeFileSync(options.emitTest, emitRaceTest(raceTestSpec(report)));
        }
        printData(report, format, () => formatReplay(report) + (options.emitTest ? `\nWrote ${options.emitTest} (run: npx lorelab test ${options.emitTest})\n` : ''));
        if (report.surprises.length) process.exitCode = 1;
      } finally {
        db.close();
      }
    });
}

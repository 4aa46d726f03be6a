// `lorelab resolve --source REPO`: stored patches' touched symbols, exactly, from a git repository.
import type { Command } from 'commander';
import { resolveStoredPatches, type ResolveStoredSummary } from '../../passes/source-symbols-pass.js';
import { openDatabase } from '../../store/open.js';
import { dbPath } from '../db-option.js';
import { printJson } from '../output.js';
import { messageIdFromArgument } from '../../util/message-id.js';

export function registerResolve(program: Command): void {
  program
    .command('resolve')
    .description("re-resolve stored patches' touched symbols exactly from a git repository (tree-sitter over the real pre-/post-images)")
    .requiredOption('--source <repo>', 'a git repository holding the pre-images (the blobs on the patches\' index lines)')
    .option('--base <commit>', 'take every pre-image from this commit instead of the index lines')
    .option('--message-id <id>', 'only the patches of this message (a Message-ID or its lore URL)')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', `
Symbols found this way are stored with how = 'source' and confidence 1. A file whose pre-image
is not in the repository (or does not match the patch) keeps its mail-alone symbols; the
reason is printed and recorded in ingest_errors.

Examples:
  lorelab resolve --source ~/linux
  lorelab resolve --source ~/linux --base v6.1 --message-id 20230101.1234-1-someone@kernel.org`)
    .action(async (options: { source: string; base?: string; messageId?: string; json?: boolean }, command: Command) => {
      const db = openDatabase(dbPath(command));
      try {
        const summary = await resolveStoredPatches(db, {
          repository: options.source,
          baseCommit: options.base,
          messageId: options.messageId === undefined ? undefined : messageIdFromArgument(options.messageId),
        });
        if (options.json) printJson(summary);
        else process.stdout.write(formatResolveSummary(summary));
      } finally {
        db.close();
      }
    });
}

export function formatResolveSummary(s: ResolveStoredSummary): string {
  const lines = [`${s.patches} patches read, ${s.filesResolved} files resolved from the source, ${s.problems.length} left as they were`];
  for (const p of s.problems) lines.push(`kept: ${p.messageId} patch ${p.ordinal}: ${p.problem}`);
  return `${lines.join('\n')}\n`;
}

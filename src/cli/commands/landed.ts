// `lorelab landed --source REPO`: where the mailed patches landed in a git repository.
import type { Command } from 'commander';
import type { LandedSummary } from '../../upstream/index.js';
import { dbPath } from '../db-option.js';
import { printJson } from '../output.js';
import { scanSource } from '../source-option.js';

export function registerLanded(program: Command): void {
  program
    .command('landed')
    .description('find the commit each mailed patch landed as in a git repository (git patch-id --stable), and count them')
    .requiredOption('--source <repo>', 'a git repository with full history (e.g. a kernel clone)')
    .option('--json', 'print the counts as one JSON object')
    .addHelpText('after', `
The first run reads the whole history of HEAD (a kernel clone takes a while: every commit's
diff goes through git patch-id); later runs read only the commits added since. Each patch is
matched by patch-id, else by a later version of it that landed, else by subject and author
(weaker: shown as "probably merged"). The outcomes are stored in patch_landed; list them with
\`lorelab query landed\`, see one in \`lorelab show\`.

A path that is not a git repository, a shallow clone or an empty repository is refused (exit 2)
and nothing is stored.

Examples:
  lorelab landed --source ~/linux
  lorelab landed --source ~/linux --json
  lorelab query landed --how none          (patches not found upstream)`)
    .action(async (options: { source: string; json?: boolean }, command: Command) => {
      const summary = await scanSource(dbPath(command), options.source);
      if (options.json) printJson(summary);
      else process.stdout.write(formatLanded(summary));
    });
}

export function formatLanded(s: LandedSummary): string {
  return [
    `repository:       ${s.repo} (HEAD ${s.head.slice(0, 12)})`,
    `commits read:     ${s.commitsRead} (${s.commitsKnown} known)`,
    `patches:          ${s.patches}`,
    `  by patch-id:    ${s.landed['patch-id']}`,
    `  later version:  ${s.landed['later-version']}`,
    `  subject only:   ${s.landed.subject}  (same subject and author; the content differs)`,
    `  not found:      ${s.notFound}`,
    `landed, no tag yet: ${s.untagged}`,
    '',
  ].join('\n');
}

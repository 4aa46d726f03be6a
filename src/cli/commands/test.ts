// `lorelab test FILE…`: runs node:test files — the race tests `lorelab replay --emit-test`
// writes — wherever they are, against this installed lorelab.
import type { Command } from 'commander';
import { runTestFiles } from '../test-runner/run.js';

export function registerTest(program: Command): void {
  program
    .command('test')
    .description('run node:test files (such as emitted race tests) with this lorelab as the `lorelab` and `lorelab/sim` they import')
    .argument('<files...>', 'test files (.ts or .js/.mjs)')
    .option('--name <pattern>', 'only the tests whose name matches (node --test-name-pattern)')
    .addHelpText('after', `
The files can be anywhere: \`import … from 'lorelab/sim'\` resolves to the lorelab that runs
them. Emitted tests are plain JavaScript under a .ts name and are loaded as ES modules, with no
TypeScript loader (keep them free of type annotations, or use a Node that strips types).

Exit status: 0 when every test passed, 1 when one failed.

Examples:
  lorelab replay --patch-id 802f446eafb91b63159993238bbc15d878d7bcb8 --emit-test ~/tests/truncate.test.ts
  npx lorelab test ~/tests/truncate.test.ts
  npx lorelab test ~/tests/*.test.ts --name frlock`)
    .action(async (files: string[], options: { name?: string }) => {
      const status = await runTestFiles(files, { nodeArgs: options.name ? [`--test-name-pattern=${options.name}`] : [] });
      process.exitCode = status === 0 ? 0 : 1;
    });
}

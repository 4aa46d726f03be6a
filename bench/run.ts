// `npm run bench`: runs every benchmark in this folder that exists (bench/*.bench.ts) in turn,
// each printing its own figures. Pass a name to run one (npm run bench -- sim); options go to
// the benchmarks (npm run bench -- ingest --synth-count 400000).
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const options = args.filter((a, i) => a.startsWith('--') || args[i - 1]?.startsWith('--'));
const wanted = args.filter((a) => !options.includes(a));
const benches = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
  .sort();
if (benches.length === 0) {
  console.error(`no benchmark named ${wanted.join(', ')} in bench/ (there are: ${readdirSync(here).filter((n) => n.endsWith('.bench.ts')).join(', ')})`);
  process.exit(2);
}
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, bench), ...options], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

// Copies the non-TypeScript files the compiled code reads at run time (the SQL schema, the race
// files and their stories) next to the compiled JavaScript, so `dist/` is self-contained.
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const races = 'src/sim/scenarios';
const assets = [
  'src/store/schema.sql',
  ...(existsSync(races) ? readdirSync(races).filter((n) => n.endsWith('.race.yaml') || n.endsWith('.md')).map((n) => join(races, n)) : []),
];
for (const asset of assets) {
  if (!existsSync(asset)) continue;
  const target = join('dist', asset);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(asset, target);
}

// Copies the non-TypeScript files the compiled code reads at run time (the SQL schema)
// next to the compiled JavaScript, so `dist/` is self-contained.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const assets = ['src/store/schema.sql'];
for (const asset of assets) {
  if (!existsSync(asset)) continue;
  const target = join('dist', asset);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(asset, target);
}

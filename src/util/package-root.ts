// The package's own directory (where queries/ and corpora/ live), from wherever the code
// runs: src/ under tsx, dist/src/ when built, or node_modules/lorelab when installed.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'queries'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('lorelab: cannot find the package directory (package.json with queries/)');
    dir = parent;
  }
  cached = dir;
  return dir;
}

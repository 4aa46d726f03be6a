// Tests that run the built command or import the package by name run dist/, not src/. Run
// against a missing or stale build they would test old code and pass or fail for the wrong
// reason, so they stop first and say how to build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The first file of src/ whose built .js is missing or older than it; null when dist/ is current. */
export function staleBuild(root = repoRoot): string | null {
  const walk = (dir: string): string | null => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        const found = walk(path);
        if (found) return found;
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const built = join(root, 'dist', relative(root, path)).replace(/\.ts$/, '.js');
        if (!existsSync(built) || statSync(built).mtimeMs < statSync(path).mtimeMs) return relative(root, path);
      }
    }
    return null;
  };
  return walk(join(root, 'src'));
}

let checked = false;

/** Throws, saying what to do, unless dist/ holds a build of the current src/. */
export function requireBuild(): void {
  if (checked) return;
  const stale = staleBuild();
  if (stale) throw new Error(`dist/ is missing or older than ${stale}: run \`npm run build\` first (this test runs the built package)`);
  checked = true;
}

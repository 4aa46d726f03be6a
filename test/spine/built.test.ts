// The guard of the tests that run dist/: a missing or stale build is named, a current one passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { staleBuild } from '../helpers/built.js';
import { tempDir } from '../helpers/corpus.js';

test('staleBuild names a source file whose build is missing or older, and nothing once built', () => {
  const dir = tempDir();
  try {
    const root = dir.path;
    mkdirSync(join(root, 'src', 'cli'), { recursive: true });
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), 'export {};\n');
    assert.equal(staleBuild(root), 'src/cli/main.ts', 'no dist/ at all');
    mkdirSync(join(root, 'dist', 'src', 'cli'), { recursive: true });
    writeFileSync(join(root, 'dist', 'src', 'cli', 'main.js'), 'export {};\n');
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'dist', 'src', 'cli', 'main.js'), old, old);
    assert.equal(staleBuild(root), 'src/cli/main.ts', 'the source was edited after the build');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'dist', 'src', 'cli', 'main.js'), later, later);
    assert.equal(staleBuild(root), null);
  } finally {
    dir.cleanup();
  }
});

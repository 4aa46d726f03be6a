// The pipeline's order, as the README draws it: a stage imports only from stages to its left
// (and from util/); query, history and link are side by side; sim imports nothing of lorelab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from '../helpers/corpus.js';

const ORDER: Record<string, number> = {
  util: 0, sources: 1, lore: 1.5, mail: 2, patch: 3, thread: 4, store: 5, passes: 6, ingest: 7,
  query: 8, history: 8, link: 8, upstream: 8, api: 9, serve: 9, shards: 9, export: 9, cli: 10, 'index.ts': 11,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

const stageOf = (file: string) => relative(join(repoRoot, 'src'), file).split('/')[0]!;

test('every import of src/ goes to its own stage or one to its left; sim stands alone', () => {
  const wrong: string[] = [];
  for (const file of sourceFiles(join(repoRoot, 'src'))) {
    const from = stageOf(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
      const to = stageOf(resolve(dirname(file), spec!));
      if (to === from) continue;
      const ok = from === 'sim' || to === 'sim'
        ? to === 'sim' && from !== 'sim' && ORDER[from]! >= ORDER.link!
        : ORDER[to] !== undefined && ORDER[from] !== undefined && ORDER[to]! <= ORDER[from]! && !(ORDER[to] === ORDER[from] && from !== to && to !== 'query');
      if (!ok) wrong.push(`${relative(repoRoot, file)} → ${spec}`);
    }
  }
  assert.deepEqual(wrong, []);
});

// The regression tests kept in test/races/: one per declared patch-id, emitted exactly as
// `lorelab replay --patch-id ID --emit-test test/races/<scenario>.test.ts` writes them.
// Regenerate after a deliberate model change: npx tsx test/link/races.ts --write
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { declarations } from '../../src/link/declarations.js';
import { emitRaceTest, raceTestSpec } from '../../src/link/emit-test.js';
import { replayPatch } from '../../src/link/replay.js';
import { hasScenario } from '../../src/link/sim-port.js';
import type { DB } from '../../src/store/open.js';
import { corpusDb, repoRoot } from '../helpers/corpus.js';

export const racesDir = join(repoRoot, 'test', 'races');

export function raceTestFiles(db: DB): { scenario: string; file: string; content: string }[] {
  return Object.entries(declarations)
    .filter(([scenario]) => hasScenario(scenario))
    .flatMap(([scenario, d]) => d.patchIds.map((patchId) => {
      const report = replayPatch(db, { patchId, scenario });
      return { scenario, file: join(racesDir, `${scenario}.test.ts`), content: emitRaceTest(raceTestSpec(report)) };
    }));
}

if (process.argv.includes('--write')) {
  const corpus = await corpusDb();
  try {
    for (const t of raceTestFiles(corpus.db)) writeFileSync(t.file, t.content);
  } finally {
    corpus.cleanup();
  }
}

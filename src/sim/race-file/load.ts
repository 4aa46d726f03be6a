// Loading race files: one file is one Scenario; a folder is every `*.race.yaml` in it. A file
// with an error is reported (file:line, what was expected) and left out; the others load.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ModelledCode, Scenario, Variant } from '../scenarios/types.js';
import { RaceFileError } from './ast.js';
import { buildVariant, type BuiltVariant } from './build.js';
import { readRace, type RaceSpec } from './spec.js';

export const RACE_SUFFIX = '.race.yaml';

export type Loaded = { ok: true; scenario: Scenario } | { ok: false; error: RaceFileError };

export function scenarioFromText(text: string, file: string): Scenario {
  const id = basename(file).replace(/\.race\.ya?ml$|\.ya?ml$/, '');
  const race = readRace(text, file, id);
  const built = race.variants.map((v) => buildVariant(race, v));
  const variants: Variant[] = race.variants.map((v, i) => {
    const b = built[i];
    return {
      name: v.name, kind: v.kind, description: v.says, expected: v.expect, breaks: v.breaks, steps: v.steps,
      build: () => b.model(), scaled: (copies) => b.model(copies),
    };
  });
  if (variants.length === 0) throw new RaceFileError(file, 1, 'a race needs at least one variant');
  return toScenario(race, variants, built);
}

/** What each step models, named '<thread> step <n>: <does>' after the first variant that has it. */
function modelledCode(built: BuiltVariant[]): ModelledCode[] {
  const code: ModelledCode[] = [];
  const seen = new Set<string>();
  for (const v of built) {
    for (const t of v.threads) {
      t.steps.forEach((s, i) => {
        for (const m of s.models) {
          const key = `${m.function}\n${m.operation}\n${t.name}\n${s.name}\n${s.does}`;
          if (!seen.has(key)) (seen.add(key), code.push({ ...m, step: `${t.name} step ${i + 1}: ${s.does}` }));
        }
      });
    }
  }
  return code;
}

function toScenario(race: RaceSpec, variants: Variant[], built: BuiltVariant[]): Scenario {
  const code = modelledCode(built);
  return {
    id: race.id,
    title: race.title,
    seed: race.seed,
    summary: race.summary,
    functions: race.functions.length ? race.functions : [...new Set(code.map((c) => c.function))],
    locks: race.locks,
    messageIds: race.facts.messages.map((m) => m.id),
    invariants: race.invariants.map(({ name, says }) => ({ name, says })),
    variants,
    code,
    facts: race.facts,
    file: basename(race.file),
    story: race.story ?? `${race.id}.md`,
  };
}

export function loadRaceFile(path: string, shownAs = path): Loaded {
  try {
    return { ok: true, scenario: scenarioFromText(readFileSync(path, 'utf8'), shownAs) };
  } catch (err) {
    if (err instanceof RaceFileError) return { ok: false, error: err };
    return { ok: false, error: new RaceFileError(shownAs, 1, `could not load: ${(err as Error).message}`) };
  }
}

/** Every race file of a folder, in name order; files with errors come back as errors. */
export function loadRaceFolder(dir: string, shownDir = dir): { scenarios: Scenario[]; errors: RaceFileError[] } {
  const scenarios: Scenario[] = [];
  const errors: RaceFileError[] = [];
  if (!existsSync(dir)) return { scenarios, errors };
  for (const name of readdirSync(dir).filter((n) => n.endsWith(RACE_SUFFIX)).sort()) {
    const loaded = loadRaceFile(join(dir, name), join(shownDir, name));
    if (loaded.ok) scenarios.push(loaded.scenario);
    else errors.push(loaded.error);
  }
  return { scenarios, errors };
}

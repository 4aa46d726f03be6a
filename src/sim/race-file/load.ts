// Loading race files: one file is one Scenario; a folder is every `*.race.yaml` in it. A file
// with an error is reported (file:line, what was expected) and left out; the others load.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ModelledCode, Scenario, Variant } from '../scenarios/types.js';
import { RaceFileError } from './ast.js';
import { buildVariant } from './build.js';
import { readRace, type RaceSpec } from './spec.js';

export const RACE_SUFFIX = '.race.yaml';

export type Loaded = { ok: true; scenario: Scenario } | { ok: false; error: RaceFileError };

export function scenarioFromText(text: string, file: string): Scenario {
  const id = basename(file).replace(/\.race\.ya?ml$|\.ya?ml$/, '');
  const race = readRace(text, file, id);
  const variants: Variant[] = race.variants.map((v) => {
    const built = buildVariant(race, v);
    return {
      name: v.name, kind: v.kind, description: v.says, expected: v.expect, breaks: v.breaks, steps: v.steps,
      build: () => built.model(), scaled: (copies) => built.model(copies),
    };
  });
  if (variants.length === 0) throw new RaceFileError(file, 1, 'a race needs at least one variant');
  return toScenario(race, variants);
}

function toScenario(race: RaceSpec, variants: Variant[]): Scenario {
  const code: ModelledCode[] = [];
  const seen = new Set<string>();
  const add = (thread: string, step: { name: string; models: { function: string; operation: string }[] }) => {
    for (const m of step.models) {
      const key = `${m.function}\n${m.operation}\n${thread}/${step.name}`;
      if (!seen.has(key)) (seen.add(key), code.push({ ...m, step: `${thread}/${step.name}` }));
    }
  };
  for (const t of race.threads) for (const s of t.steps) add(t.name, s);
  for (const v of race.variants) {
    for (const [t, edits] of Object.entries(v.edits)) for (const e of edits) {
      if (e.op === 'insert') add(t, e.step);
      if (e.op === 'replace' && e.with.models) add(t, { name: e.target, models: e.with.models });
    }
    for (const t of v.add) for (const s of t.steps) add(t.name, s);
  }
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

// The scenario catalogue: every race file in scenarios/, as plain metadata (no code) for listing
// and for linking patches to scenarios (src/link writes it into the `scenarios` table). A
// scenario may also be named by the path of a race file anywhere (a draft from `sim new`).
import { existsSync } from 'node:fs';
import { loadRaceFile } from './race-file/load.js';
import { loadErrors, scenarios, type Scenario, type Variant } from './scenarios/index.js';

/** A variant without its model builders. */
export type VariantInfo = Pick<Variant, 'name' | 'kind' | 'description' | 'expected' | 'breaks' | 'steps'>;

/** A scenario as plain data: everything but the code that builds its models. */
export type ScenarioInfo = Omit<Scenario, 'variants'> & { variants: VariantInfo[] };

export function describeScenario(s: Scenario): ScenarioInfo {
  const { variants, ...rest } = s;
  return { ...rest, variants: variants.map(({ name, kind, description, expected, breaks, steps }) => ({ name, kind, description, expected, breaks, steps })) };
}

export function listScenarios(): ScenarioInfo[] {
  return scenarios.map(describeScenario);
}

/** Race files of the catalogue that did not load: 'file:line: what was expected'. */
export function catalogErrors(): string[] {
  return loadErrors.map((e) => e.message);
}

const isRaceFile = (name: string) => /\.ya?ml$/.test(name);
const fromFiles = new Map<string, ReturnType<typeof loadRaceFile>>();

function fromFile(path: string): ReturnType<typeof loadRaceFile> {
  let loaded = fromFiles.get(path);
  if (!loaded) fromFiles.set(path, (loaded = loadRaceFile(path)));
  return loaded;
}

export function findScenario(id: string): Scenario | undefined {
  const known = scenarios.find((s) => s.id === id);
  if (known || !isRaceFile(id) || !existsSync(id)) return known;
  const loaded = fromFile(id);
  return loaded.ok ? loaded.scenario : undefined;
}

export type Lookup = { ok: true; scenario: Scenario; variant: Variant } | { ok: false; error: string };

export function lookup(scenarioId: string, variantName: string): Lookup {
  if (isRaceFile(scenarioId) && !scenarios.some((s) => s.id === scenarioId)) {
    if (!existsSync(scenarioId)) return { ok: false, error: `no race file ${scenarioId}` };
    const loaded = fromFile(scenarioId);
    if (!loaded.ok) return { ok: false, error: loaded.error.message };
  }
  const scenario = findScenario(scenarioId);
  if (!scenario) return { ok: false, error: `unknown scenario '${scenarioId}' (known: ${scenarios.map((s) => s.id).join(', ')}; or the path of a .race.yaml file)` };
  const variant = scenario.variants.find((v) => v.name === variantName);
  if (!variant) return { ok: false, error: `scenario ${scenario.id} has no variant '${variantName}' (variants: ${scenario.variants.map((v) => v.name).join(', ')})` };
  return { ok: true, scenario, variant };
}

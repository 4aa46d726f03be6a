// The scenario catalogue as plain metadata (no code), for listing and for linking patches to
// scenarios (src/link writes it into the `scenarios` table).
import { scenarios, type Scenario, type Variant } from './scenarios/index.js';

/** A variant without its model builder. */
export type VariantInfo = Pick<Variant, 'name' | 'kind' | 'description' | 'expected'>;

/** A scenario as plain data: everything but the code that builds its models. */
export type ScenarioInfo = Omit<Scenario, 'variants'> & { variants: VariantInfo[] };

export function describeScenario(s: Scenario): ScenarioInfo {
  const { variants, ...rest } = s;
  return { ...rest, variants: variants.map(({ name, kind, description, expected }) => ({ name, kind, description, expected })) };
}

export function listScenarios(): ScenarioInfo[] {
  return scenarios.map(describeScenario);
}

export function findScenario(id: string): Scenario | undefined {
  return scenarios.find((s) => s.id === id);
}

export type Lookup = { ok: true; scenario: Scenario; variant: Variant } | { ok: false; error: string };

export function lookup(scenarioId: string, variantName: string): Lookup {
  const scenario = findScenario(scenarioId);
  if (!scenario) return { ok: false, error: `unknown scenario '${scenarioId}' (known: ${scenarios.map((s) => s.id).join(', ')})` };
  const variant = scenario.variants.find((v) => v.name === variantName);
  if (!variant) return { ok: false, error: `scenario ${scenarioId} has no variant '${variantName}' (variants: ${scenario.variants.map((v) => v.name).join(', ')})` };
  return { ok: true, scenario, variant };
}

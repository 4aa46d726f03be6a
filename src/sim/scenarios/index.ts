// Every race in this folder: each `<id>.race.yaml` is one scenario (FORMAT.md says how to write
// one). The seeds come first, in seed order, then the rest by id. Files that do not load are
// kept in `loadErrors` (file:line and what was expected); the others run regardless.
import { fileURLToPath } from 'node:url';
import { loadRaceFolder } from '../race-file/load.js';
import type { Scenario } from './types.js';

export const scenariosDir = fileURLToPath(new URL('.', import.meta.url));

const loaded = loadRaceFolder(scenariosDir, 'src/sim/scenarios');
const order = (s: Scenario) => `${s.seed ? `0${s.seed}` : '1'}\n${s.id}`;

export const scenarios: readonly Scenario[] = loaded.scenarios.sort((a, b) => (order(a) < order(b) ? -1 : 1));
export const loadErrors = loaded.errors;
export type { Scenario, Variant, VariantKind, InvariantInfo, ModelledCode, Facts } from './types.js';

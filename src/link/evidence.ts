// Evidence at the statement level: the added or removed lines of a patch that sit inside a
// function a scenario models and hold an operation its steps model there. A candidate link
// needs at least one; declared and same-series links carry theirs too. Stored as JSON in
// patch_scenarios.evidence, read by `show`, `query patch-races` and histories.
import type { RaceEvidence } from '../store/types.js';
import type { ModelledCode } from './sim-port.js';
import { canonicalOperation, operationsOf } from './operations.js';

/** One changed line and the scenario step it touches (the stored shape: src/store/types.ts). */
export type Evidence = RaceEvidence;

/** A changed line and the function it is in (null: outside any, or not known). */
export interface FunctionLine {
  side: 'added' | 'removed';
  text: string;
  fn: string | null;
}

/** Lines kept per step and operation: one shows what changed, a few show it is not a stray line. */
const LINES_PER_STEP = 3;
/** Longer lines are cut, with '…': evidence is read beside other text. */
const LINE_WIDTH = 160;

/** The evidence `lines` give for a scenario modelling `code`, in patch order; empty: none. */
export function evidenceOf(lines: readonly FunctionLine[], code: readonly ModelledCode[]): Evidence[] {
  const byFunction = new Map<string, ModelledCode[]>();
  for (const c of code) byFunction.set(c.function, [...(byFunction.get(c.function) ?? []), c]);
  const out: Evidence[] = [];
  const seen = new Set<string>();
  const perStep = new Map<string, number>();
  for (const l of lines) {
    const modelled = l.fn ? byFunction.get(l.fn) : undefined;
    if (!modelled || isComment(l.text)) continue;
    const ops = operationsOf(l.text);
    if (ops.length === 0) continue;
    const line = shown(l.text);
    for (const c of stepsNamed(l.text, modelled.filter((c) => ops.includes(canonicalOperation(c.operation))))) {
      const key = JSON.stringify([c.function, c.operation, l.side, line, c.step]);
      const stepKey = `${c.step}\n${c.operation}`;
      if (seen.has(key) || (perStep.get(stepKey) ?? 0) >= LINES_PER_STEP) continue;
      seen.add(key);
      perStep.set(stepKey, (perStep.get(stepKey) ?? 0) + 1);
      out.push({ function: c.function, operation: c.operation, side: l.side, line, step: c.step });
    }
  }
  return out;
}

/**
 * Of the entries a line matches, those whose step names a call the line makes, when some do:
 * `trylock_page(` touches the step 'trylock_page', not the one that unlocks the page later.
 */
function stepsNamed(text: string, matched: readonly ModelledCode[]): readonly ModelledCode[] {
  if (matched.length < 2) return matched;
  const calls = [...text.matchAll(/([A-Za-z_]\w*)\s*\(/g)].map((m) => m[1]!);
  const named = matched.filter((c) => calls.some((call) => new RegExp(`(?<![\\w])${call}(?![\\w])`).test(c.step.slice(c.step.indexOf(':') + 1))));
  return named.length > 0 ? named : matched;
}

/** A comment line (a block comment's continuation, or one that starts one) holds no code. */
function isComment(text: string): boolean {
  return /^\s*(?:\/\*|\/\/|\*\/|\*(?:\s|$))/.test(text);
}

function shown(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ');
  return line.length > LINE_WIDTH ? `${line.slice(0, LINE_WIDTH - 1)}…` : line;
}

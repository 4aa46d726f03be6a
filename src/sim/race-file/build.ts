// From a RaceSpec to runnable models: a variant's threads are the before-program with its edits
// applied (steps inserted, replaced, removed — the way the patch edits the code), then compiled.
// Every variant is built once at load, so an edit of a step that does not exist, a goto to
// nowhere or a step nothing reaches is a load error with its line, not a run-time surprise.
import { clonePlain } from '../engine/plain.js';
import { DONE, type Invariant, type Model, type Step, type ThreadProgram } from '../engine/types.js';
import { RaceFileError } from './ast.js';
import { bodyIsPure, compileBlock, compileExpr, fallsThrough, gotoTargets, type Define, type Scope } from './compile.js';
import type { DefineSpec, RaceSpec, StepSpec, ThreadSpec, VariantSpec } from './spec.js';
import { stepReads } from './reads.js';
import { stepWrites } from './writes.js';

export interface BuiltVariant {
  spec: VariantSpec;
  threads: ThreadSpec[];
  /** The resolved program, for exporters (Promela). */
  source: VariantSource;
  /** The model; `copies` overrides how many identical copies of a thread run. */
  model(copies?: Record<string, number>): Model<Record<string, unknown>>;
}

export interface VariantSource {
  race: RaceSpec;
  variant: VariantSpec;
  threads: ThreadSpec[];
  defines: DefineSpec[];
  state: Record<string, unknown>;
  copies: Record<string, number>;
}

/** The variant's program: its base (`from`, else the race's threads) with its edits applied. */
export function resolveVariant(race: RaceSpec, v: VariantSpec, seen: string[] = []): { threads: ThreadSpec[]; defines: DefineSpec[]; state: Record<string, unknown>; copies: Record<string, number> } {
  const fail = (line: number, problem: string) => new RaceFileError(race.file, line, problem);
  let base = { threads: race.threads, defines: race.defines, state: race.state, copies: {} as Record<string, number> };
  if (v.from) {
    const parent = race.variants.find((p) => p.name === v.from);
    if (!parent) throw fail(v.line, `variant '${v.name}' is from unknown variant '${v.from}' (variants: ${race.variants.map((p) => p.name).join(', ')})`);
    if (seen.includes(parent.name)) throw fail(v.line, `variant '${v.name}': 'from' goes round in a circle (${[...seen, parent.name].join(' → ')})`);
    base = resolveVariant(race, parent, [...seen, v.name]);
  }
  const threads = base.threads.map((t) => ({ ...t, steps: t.steps.slice() }));
  for (const [name, edits] of Object.entries(v.edits)) {
    const thread = threads.find((t) => t.name === name);
    if (!thread) throw fail(edits[0]?.line ?? v.line, `variant '${v.name}' edits unknown thread '${name}' (threads: ${threads.map((t) => t.name).join(', ')})`);
    const where = (step: string, line: number) => {
      const at = thread.steps.findIndex((s) => s.name === step);
      if (at < 0) throw fail(line, `variant '${v.name}' edits step '${step}', which thread '${name}' does not have (steps: ${thread.steps.map((s) => s.name).join(', ')})`);
      return at;
    };
    for (const e of edits) {
      if (e.op === 'remove') thread.steps.splice(where(e.target, e.line), 1);
      else if (e.op === 'replace') { const at = where(e.target, e.line); thread.steps[at] = { ...thread.steps[at], ...e.with, line: e.line, name: e.target }; }
      else {
        if (thread.steps.some((s) => s.name === e.step.name)) throw fail(e.line, `thread '${name}' already has a step '${e.step.name}' (replace it instead)`);
        const at = e.before !== undefined ? where(e.before, e.line) : where(e.after as string, e.line) + 1;
        thread.steps.splice(at, 0, e.step);
      }
    }
  }
  for (const t of v.add) {
    if (threads.some((o) => o.name === t.name)) throw fail(t.line, `variant '${v.name}' adds thread '${t.name}', which exists already`);
    threads.push(t);
  }
  const defines = base.defines.map((d) => v.defines.find((o) => o.name === d.name) ?? d);
  for (const d of v.defines) if (!base.defines.some((o) => o.name === d.name)) throw fail(d.line, `variant '${v.name}' replaces define '${d.name}', which the race does not have (add it at the top level)`);
  for (const key of Object.keys(v.state)) if (!(key in base.state)) throw fail(v.line, `variant '${v.name}' sets state '${key}', which the race does not declare`);
  for (const name of Object.keys(v.copies)) if (!threads.some((t) => t.name === name)) throw fail(v.line, `variant '${v.name}' copies unknown thread '${name}'`);
  return { threads, defines, state: { ...base.state, ...v.state }, copies: { ...base.copies, ...v.copies } };
}

function defineTable(defines: DefineSpec[]): Map<string, Define> {
  const table = new Map<string, Define>();
  for (const d of defines) table.set(d.name, { params: d.params, line: d.line, body: d.body, pure: false });
  for (const d of table.values()) d.pure = bodyIsPure(d.body, table, new Set(), new Set(d.params));
  return table;
}

function compileThread(race: RaceSpec, t: ThreadSpec, base: Omit<Scope, 'role' | 'locals' | 'steps'>, defineSpecs: ReadonlyMap<string, DefineSpec>): ThreadProgram<Record<string, unknown>> {
  const names = new Set(t.steps.map((s) => s.name));
  const scope: Scope = { ...base, role: 'step', locals: new Set(Object.keys(t.locals)), steps: names };
  // Reachability: from the first step along gotos and fall-throughs.
  const next = new Map<string, string>();
  t.steps.forEach((s, i) => next.set(s.name, t.steps[i + 1]?.name ?? DONE));
  const reached = new Set<string>([t.steps[0].name]);
  const todo = [t.steps[0]];
  const byName = new Map(t.steps.map((s) => [s.name, s]));
  while (todo.length) {
    const s = todo.pop() as StepSpec;
    const targets = gotoTargets(s.run);
    if (fallsThrough(s.run)) targets.push(next.get(s.name) as string);
    for (const target of targets) {
      const to = byName.get(target);
      if (to && !reached.has(target)) { reached.add(target); todo.push(to); }
    }
  }
  const steps: Record<string, Step<Record<string, unknown>>> = {};
  for (const s of t.steps) {
    if (!reached.has(s.name)) throw new RaceFileError(race.file, s.line, `step '${s.name}' of thread '${t.name}' is unreachable: no goto leads to it and the step before it never falls through`);
    steps[s.name] = compileStep(s, scope, next.get(s.name) as string);
    const writes = stepWrites(s.run, base.state, defineSpecs);
    if (writes) {
      steps[s.name].writes = writes;
      steps[s.name].reads = stepReads(s.when, s.run, base.state, defineSpecs);
    }
  }
  return { name: t.name, start: t.steps[0].name, steps, locals: clonePlain(t.locals) as Record<string, never> };
}

function compileStep(s: StepSpec, scope: Scope, fallTo: string): Step<Record<string, unknown>> {
  const body = compileBlock(s.run, scope);
  const guard = s.when ? compileExpr(s.when, { ...scope, role: 'guard' }, new Set()) : null;
  const step: Step<Record<string, unknown>> = {
    does: s.does,
    run: (g, me) => {
      const exit = body({ g, local: me.local, temps: {}, self: me.self, note: me.note });
      if (!exit) return fallTo;
      return exit.kind === 'goto' ? exit.to : DONE;
    },
  };
  if (s.waits) step.waits = s.waits;
  if (guard) step.guard = (g, me) => !!guard({ g, local: me.local, temps: {}, self: me.self, note: null });
  return step;
}

export function buildVariant(race: RaceSpec, v: VariantSpec): BuiltVariant {
  const fail = (line: number, problem: string) => new RaceFileError(race.file, line, problem);
  const resolved = resolveVariant(race, v);
  const defines = defineTable(resolved.defines);
  const base = { file: race.file, state: new Set(Object.keys(resolved.state)), consts: new Map(Object.entries(race.consts)), defines };
  const invariants: Invariant<Record<string, unknown>>[] = race.invariants
    .filter((i) => !v.invariants || v.invariants.includes(i.name))
    .map((i) => {
      const check = compileBlock(i.check, { ...base, role: 'invariant', locals: new Set(), steps: new Set() });
      return {
        name: i.name,
        says: i.says,
        at: i.at,
        violated: (g) => {
          const exit = check({ g, local: {}, temps: {}, self: -1, note: null });
          return exit?.kind === 'violation' ? exit.text : null;
        },
      };
    });
  for (const name of v.invariants ?? []) if (!race.invariants.some((i) => i.name === name)) throw fail(v.line, `variant '${v.name}' checks unknown invariant '${name}' (invariants: ${race.invariants.map((i) => i.name).join(', ')})`);
  if (v.breaks && !['no-deadlock', 'no-lost-wakeup'].includes(v.breaks) && !race.invariants.some((i) => i.name === v.breaks)) {
    const faults = ['use-after-free', 'refcount', 'lock', 'pte', 'page-cache', 'rcu', 'null-dereference'];
    if (!faults.includes(v.breaks)) throw fail(v.line, `variant '${v.name}' expects to break '${v.breaks}', which is neither an invariant of the race nor a fault of the kernel model`);
  }
  const defineSpecs = new Map(resolved.defines.map((d) => [d.name, d]));
  const programs = resolved.threads.map((t) => compileThread(race, t, base, defineSpecs));
  const show = race.show ? compileExpr(race.show, { ...base, role: 'show', locals: new Set(), steps: new Set() }, new Set()) : null;
  const model = (copies: Record<string, number> = resolved.copies): Model<Record<string, unknown>> => {
    const threads: ThreadProgram<Record<string, unknown>>[] = [];
    const symmetric: number[][] = [];
    programs.forEach((p) => {
      const n = copies[p.name] ?? 1;
      if (n === 1) return void threads.push(p);
      const group: number[] = [];
      for (let i = 0; i < n; i++) { group.push(threads.length); threads.push({ ...p, name: `${p.name}${i + 1}` }); }
      symmetric.push(group);
    });
    return {
      name: `${race.id}/${v.name}`,
      init: resolved.state,
      threads,
      invariants,
      symmetric: symmetric.length ? symmetric : undefined,
      show: show ? (g) => String(show({ g, local: {}, temps: {}, self: -1, note: null })) : undefined,
    };
  };
  return { spec: v, threads: resolved.threads, source: { race, variant: v, ...resolved }, model };
}

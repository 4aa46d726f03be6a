// `lorelab sim export --promela`: a variant of a race file as a Promela model for Spin, generated
// from the same program the explorer runs. Each step is one atomic transition of its thread's
// `do` loop (guard first, so a blocked thread waits there), followed by the invariant checks;
// a fault or a broken invariant is an assertion, a thread blocked for ever an invalid end state.
import type { VariantSource } from '../race-file/build.js';
import type { Stmt } from '../race-file/ast.js';
import { block, expr, noteOnlyNames, type Ctx } from './code.js';
import { kindOf, NotExportable, stateDecls, type Layout } from './layout.js';

export type Exported = { ok: true; text: string; threads: number } | { ok: false; error: string };

function countAllocs(stmts: Stmt[]): number {
  return JSON.stringify(stmts).split('"fn":"alloc_page"').length - 1;
}

export function exportPromela(source: VariantSource, copies: Record<string, number> = source.copies): Exported {
  try {
    return { ok: true, ...build(source, copies) };
  } catch (err) {
    if (err instanceof NotExportable) return { ok: false, error: `${source.race.file}${err.line ? `:${err.line}` : ''}: cannot export ${source.race.id}/${source.variant.name} to Promela: ${err.message}` };
    throw err;
  }
}

function build(source: VariantSource, copies: Record<string, number>): { text: string; threads: number } {
  const { race, threads, state } = source;
  const defines = new Map(source.defines.map((d) => [d.name, d]));
  const allocs = threads.reduce((n, t) => n + t.steps.reduce((m, s) => m + countAllocs(s.run), 0), 0) + source.defines.reduce((n, d) => n + countAllocs(d.body), 0);
  const declared = Object.keys((state.pages ?? {}) as object);
  const numbers = [...Object.values(race.consts), ...Object.values(state).flatMap((v: any) => (v && typeof v === 'object' ? [...Object.keys(v.ptes ?? {}), ...Object.keys(v.cache ?? {})].map(Number) : []))].filter((n): n is number => typeof n === 'number' && n < 64);
  const layout: Layout = {
    pages: declared.length + 2 * allocs + 1,
    pageSlots: new Map(declared.map((id, i) => [id, i + 1])),
    size: Math.max(0, ...numbers) + 2,
    strings: new Map(),
    kinds: new Map(Object.entries(state).map(([k, v]) => [k, kindOf(k, v)])),
    records: recordsOf(source),
  };
  for (const name of optionalMms(source)) layout.kinds.set(name, 'optmm');
  // vma ids are slots 1, 2, … in their order in the state.
  Object.keys((state.vmas ?? {}) as object).forEach((id, i) => layout.strings.set(id, i + 1));
  const invariants = race.invariants.filter((i) => i.check.length && (!source.variant.invariants || source.variant.invariants.includes(i.name)));
  const uid = { n: 0 };
  const base = (vars: Set<string>, locals: Set<string>, steps: Map<string, number>, end: string): Ctx => ({
    layout, state, consts: race.consts, defines, locals, temps: new Map(), vars, role: 'step', steps, end, noteOnly: new Set(), uid,
  });
  const total = threads.reduce((n, t) => n + (copies[t.name] ?? 1), 0);
  /** The invariant checks, translated inside a thread (or init): they need its temporaries. */
  const checks = (vars: Set<string>): string[] => {
    const out: string[] = [];
    for (const inv of invariants) {
      const ctx = { ...base(vars, new Set(), new Map(), ''), role: 'invariant' as const, noteOnly: noteOnlyNames(inv.check) };
      const body = block(inv.check, ctx);
      out.push(`/* ${inv.name} */`, ...(inv.at === 'end' ? [`if :: finished == ${total} ->`, ...body, '   skip', ':: else -> skip fi;'] : body));
    }
    return out;
  };

  const procs: string[] = [];
  for (const t of threads) {
    const steps = new Map(t.steps.map((s, i) => [s.name, i + 1]));
    const vars = new Set<string>();
    const locals = new Set(Object.keys(t.locals));
    const options: string[] = [];
    t.steps.forEach((s, i) => {
      const end = `stepend_${t.name}_${s.name}`.replace(/\W/g, '_');
      const ctx = { ...base(vars, locals, steps, end), noteOnly: noteOnlyNames(s.run) };
      const guard = s.when ? expr(s.when, { ...ctx, role: 'guard' }) : null;
      if (guard?.pre.length) throw new NotExportable(s.line, 'a guard that needs statements');
      const body = block(s.run, ctx);
      const next = i + 1 < t.steps.length ? i + 2 : 0;
      options.push(
        `:: d_step { pc == ${i + 1}${guard ? ` && (${(guard.v as { c: string }).c ?? guard.v})` : ''} ->   /* ${s.does.replace(/\*\//g, '* /')} */`,
        ...body.map((l) => `     ${l}`),
        `     pc = ${next};`,
        `${end}:`,
        '     if :: pc == 0 -> finished++ :: else -> skip fi;',
        ...checks(vars).map((l) => `     ${l}`),
        ...[...vars].map((v) => `     ${v} = 0;`),
        '   }',
      );
    });
    const localDecls = Object.entries(t.locals).map(([k, v]) => `int l_${k} = ${typeof v === 'number' ? v : v === true ? 1 : 0};`);
    procs.push(`proctype ${pname(t.name)}(byte self) {\n  byte pc = 1;\n  ${localDecls.join('\n  ')}\n  ${[...vars].map((v) => `int ${v};`).join(' ')}\n  do\n${options.map((l) => `  ${l}`).join('\n')}\n  :: pc == 0 -> break\n  od\n}`);
  }
  const { decls, init } = stateDecls(layout, state);
  const initVars = new Set<string>();
  const initChecks = checks(initVars);
  let index = 0;
  const runs = threads.flatMap((t) => Array.from({ length: copies[t.name] ?? 1 }, () => `run ${pname(t.name)}(${index++});`));
  const text = [
    `/* ${race.id} / ${source.variant.name} (${source.variant.kind}): generated by lorelab sim export --promela from ${race.file}. */`,
    `/* Spin: spin -a this.pml && cc -O2 -DBFS -o pan pan.c && ./pan   (a trail is a counterexample) */`,
    ...decls,
    'byte finished;',
    ...[...layout.strings].map(([s, n]) => `/* ${n} = '${s}' */`),
    '',
    ...procs,
    '',
    `init {\n  ${[...initVars].map((v) => `int ${v};`).join(' ')}\n  atomic {\n    ${init.join('\n    ')}\n    ${initChecks.join('\n    ')}\n    ${runs.join('\n    ')}\n  }\n}`,
    '',
  ].join('\n');
  return { text, threads: index };
}

/** Plain state values (null at first) the code sets to a new address space. */
function optionalMms(source: VariantSource): string[] {
  const text = JSON.stringify([source.threads, source.defines]);
  return Object.keys(source.state).filter((k) => source.state[k] === null && text.includes(`"target":{"k":"name","line":`) && new RegExp(`"target":\\{"k":"name","line":\\d+,"name":"${k}"\\},"op":"=","value":\\{"k":"call","line":\\d+,"fn":"new_mm"`).test(text));
}

/** Plain state values the code sets to object literals, with the fields it gives them. */
function recordsOf(source: VariantSource): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const visit = (stmts: Stmt[]) => {
    for (const s of stmts) {
      if (s.k === 'assign' && s.target.k === 'name' && s.value.k === 'object' && s.target.name in source.state && source.state[s.target.name] === null) {
        const fields = out.get(s.target.name) ?? [];
        for (const [f] of s.value.fields) if (!fields.includes(f)) fields.push(f);
        out.set(s.target.name, fields);
      }
      if (s.k === 'if') { visit(s.then); visit(s.else); }
      if (s.k === 'for') visit(s.body);
    }
  };
  for (const t of source.threads) for (const s of t.steps) visit(s.run);
  for (const d of source.defines) visit(d.body);
  return out;
}

const pname = (name: string) => `T_${name.replace(/\W/g, '_')}`;

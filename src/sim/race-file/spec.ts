// A race file read into plain, checked data (RaceSpec): every field known, every piece of code
// parsed, every line remembered. Building models from it is build.ts's job.
import type { Stmt, Expr } from './ast.js';
import { parseCode, parseExpr, template } from './parse-code.js';
import { buildObject } from './state.js';
import { need, readYaml, type View } from './yaml-view.js';

export type VariantKind = 'before' | 'patch' | 'residual' | 'kernel';
export type Verdict = 'violation' | 'deadlock' | 'lost-wakeup' | 'ok';

export interface StepSpec {
  name: string;
  line: number;
  does: string;
  /** "function: operation" pairs this step models (src/link's operation vocabulary). */
  models: { function: string; operation: string }[];
  waits?: 'lock' | 'sleep';
  when: Expr | null;
  run: Stmt[];
}

export interface ThreadSpec {
  name: string;
  line: number;
  locals: Record<string, unknown>;
  steps: StepSpec[];
}

export interface DefineSpec {
  name: string;
  params: string[];
  line: number;
  body: Stmt[];
}

export interface InvariantSpec {
  name: string;
  line: number;
  says: string;
  at: 'always' | 'end';
  check: Stmt[];
}

export type Edit =
  | { op: 'insert'; line: number; step: StepSpec; before?: string; after?: string }
  | { op: 'replace'; line: number; target: string; with: Partial<StepSpec> & { line: number } }
  | { op: 'remove'; line: number; target: string };

export interface VariantSpec {
  name: string;
  line: number;
  kind: VariantKind;
  expect: Verdict;
  breaks: string | null;
  steps: number | null;
  says: string;
  from: string | null;
  invariants: string[] | null;
  copies: Record<string, number>;
  state: Record<string, unknown>;
  defines: DefineSpec[];
  edits: Record<string, Edit[]>;
  add: ThreadSpec[];
}

export interface Source { source?: string }
export interface Facts {
  title: string;
  source: string | null;
  messages: ({ id: string } & Source & Record<string, string>)[];
  patches: ({ patchId: string } & Source & Record<string, string>)[];
  commits: ({ id: string; title: string; release?: string } & Source & Record<string, string>)[];
  note: string;
}

export interface RaceSpec {
  file: string;
  id: string;
  title: string;
  summary: string;
  seed: string;
  story: string | null;
  functions: string[];
  locks: string[];
  facts: Facts;
  consts: Record<string, unknown>;
  state: Record<string, unknown>;
  defines: DefineSpec[];
  threads: ThreadSpec[];
  invariants: InvariantSpec[];
  variants: VariantSpec[];
  show: Expr | null;
}

const TOP = ['race', 'title', 'summary', 'seed', 'story', 'functions', 'locks', 'facts', 'const', 'state', 'define', 'threads', 'invariants', 'variants', 'show'];
const STEP = ['does', 'models', 'waits', 'when', 'run'];
const VARIANT = ['kind', 'expect', 'says', 'from', 'invariants', 'copies', 'state', 'define', 'edit', 'add'];
const KINDS: VariantKind[] = ['before', 'patch', 'residual', 'kernel'];

const code = (v: View | undefined): Stmt[] => (v && !v.isNull ? parseCode(v.string('code'), v.file, v.textLine) : []);
const expr = (v: View | undefined): Expr | null => (v && !v.isNull ? parseExpr(v.string('an expression'), v.file, v.textLine) : null);

function models(v: View | undefined): StepSpec['models'] {
  if (!v || v.isNull) return [];
  const texts = v.node && 'items' in v.node ? v.strings('models') : [v.string('models')];
  const out: StepSpec['models'] = [];
  for (const text of texts) {
    const m = /^\s*([A-Za-z_][\w]*)\s*:\s*(.+)$/.exec(text);
    if (m) out.push({ function: m[1], operation: m[2].trim() });
    else v.fail(`expected models as 'function: operation', found '${text}'`);
  }
  return out;
}

export function readStep(name: string, v: View, partial = false): StepSpec {
  const m = v.map(`step '${name}'`, STEP);
  const does = partial ? m.get('does')?.string('does') ?? '' : need(m, 'does', v, `step '${name}'`).string('does (what the step does, "function: operation")');
  const waits = m.get('waits')?.string('waits');
  if (waits !== undefined && waits !== 'lock' && waits !== 'sleep') m.get('waits')!.fail(`expected waits: lock or sleep, found '${waits}'`);
  return { name, line: v.keyLine, does, models: models(m.get('models')), waits: waits as StepSpec['waits'], when: expr(m.get('when')), run: code(m.get('run')) };
}

function readThread(name: string, v: View): ThreadSpec {
  const m = v.map(`thread '${name}'`, ['locals', 'steps']);
  const steps = need(m, 'steps', v, `thread '${name}'`).entries(`the steps of thread '${name}'`).map(([s, sv]) => readStep(s, sv));
  if (steps.length === 0) v.fail(`thread '${name}' has no steps`);
  return { name, line: v.keyLine, locals: (m.get('locals')?.plain() ?? {}) as Record<string, unknown>, steps };
}

function readDefines(v: View | undefined): DefineSpec[] {
  return (v?.entries('define (name(params): code)') ?? []).map(([head, body]) => {
    const m = /^([A-Za-z_]\w*)\s*\(\s*([\w\s,]*)\)$/.exec(head.trim());
    if (!m) return body.fail(`expected a define as 'name(param, …)', found '${head}'`, body.keyLine);
    return { name: m[1], params: m[2].split(',').map((p) => p.trim()).filter(Boolean), line: body.keyLine, body: code(body) };
  });
}

function readExpect(v: View): Pick<VariantSpec, 'expect' | 'breaks' | 'steps'> {
  const text = v.string('expect');
  const m = /^(ok|violation|deadlock|lost-wakeup)(?:\s+([\w-]+))?(?:\s+in\s+(\d+)\s+steps?)?$/.exec(text.trim());
  if (!m) v.fail(`expected 'ok', or a verdict (violation, deadlock, lost-wakeup) with the invariant and optionally 'in N steps', found '${text}'`);
  if (m[1] === 'ok' && (m[2] || m[3])) v.fail("'ok' takes no invariant or step count");
  const breaks = m[2] ?? (m[1] === 'deadlock' ? 'no-deadlock' : m[1] === 'lost-wakeup' ? 'no-lost-wakeup' : null);
  if (m[1] === 'violation' && !breaks) v.fail('a violation names the invariant it breaks');
  return { expect: m[1] as Verdict, breaks, steps: m[3] ? Number(m[3]) : null };
}

function readEdits(thread: string, v: View): Edit[] {
  return v.items(`the edits of thread '${thread}'`).map((e) => {
    const m = e.map('an edit', ['insert', 'replace', 'remove', 'before', 'after', ...STEP]);
    const op = (['insert', 'replace', 'remove'] as const).filter((o) => m.has(o));
    if (op.length !== 1) e.fail('expected exactly one of insert: STEP, replace: STEP, remove: STEP');
    const target = m.get(op[0])!.string(`the step to ${op[0]}`);
    const rest = new Map([...m].filter(([key]) => STEP.includes(key)));
    if (op[0] === 'remove') {
      if (rest.size || m.has('before') || m.has('after')) e.fail('remove takes only the step name');
      return { op: 'remove', line: e.line, target };
    }
    const stepView = { map: () => rest, entries: () => [...rest], keyLine: e.line, fail: e.fail.bind(e) } as unknown as View;
    if (op[0] === 'replace') {
      if (m.has('before') || m.has('after')) e.fail('replace keeps the step where it is; use remove and insert to move it');
      const partial = readStep(target, stepView, true);
      const w: Partial<StepSpec> & { line: number } = { line: e.line };
      if (rest.has('does')) { w.does = partial.does; if (!rest.has('models')) w.models = partial.models; }
      if (rest.has('models')) w.models = partial.models;
      if (rest.has('waits')) w.waits = partial.waits;
      if (rest.has('when')) w.when = partial.when;
      if (rest.has('run')) w.run = partial.run;
      return { op: 'replace', line: e.line, target, with: w };
    }
    if (m.has('before') === m.has('after')) e.fail('insert needs where: before: STEP or after: STEP');
    const step = readStep(target, stepView);
    step.line = e.line;
    return { op: 'insert', line: e.line, step, before: m.get('before')?.string('before'), after: m.get('after')?.string('after') };
  });
}

function readVariant(name: string, v: View): VariantSpec {
  const m = v.map(`variant '${name}'`, VARIANT);
  const kind = need(m, 'kind', v, `variant '${name}'`).string('kind');
  if (!KINDS.includes(kind as VariantKind)) m.get('kind')!.fail(`expected kind: ${KINDS.join(', ')}; found '${kind}'`);
  const copies: Record<string, number> = {};
  for (const [t, c] of m.get('copies')?.entries('copies (thread: how many)') ?? []) {
    const n = Number(c.string('a count'));
    if (!Number.isInteger(n) || n < 1 || n > 8) c.fail('expected a count from 1 to 8');
    copies[t] = n;
  }
  const state: Record<string, unknown> = {};
  for (const [key, sv] of m.get('state')?.entries('state overrides') ?? []) state[key] = buildObject(key, sv);
  const edits: Record<string, Edit[]> = {};
  for (const [thread, ev] of m.get('edit')?.entries('edit (thread: list of edits)') ?? []) edits[thread] = readEdits(thread, ev);
  return {
    name,
    line: v.keyLine,
    kind: kind as VariantKind,
    ...readExpect(need(m, 'expect', v, `variant '${name}'`)),
    says: need(m, 'says', v, `variant '${name}'`).string('says (one line: what this variant is)'),
    from: m.get('from')?.string('from') ?? null,
    invariants: m.has('invariants') ? m.get('invariants')!.strings('invariant names') : null,
    copies,
    state,
    defines: readDefines(m.get('define')),
    edits,
    add: (m.get('add')?.entries('add (new threads)') ?? []).map(([t, tv]) => readThread(t, tv)),
  };
}

function readFacts(v: View | undefined): Facts {
  const facts: Facts = { title: '', source: null, messages: [], patches: [], commits: [], note: '' };
  if (!v) return facts;
  const m = v.map('facts', ['title', 'source', 'messages', 'patches', 'commits', 'note']);
  const list = <T>(key: string, idKey: string, rename: string) => (m.get(key)?.items(key) ?? []).map((item) => {
    const data = item.plain() as Record<string, string>;
    if (!data || typeof data !== 'object' || !data[idKey]) item.fail(`each of ${key} needs '${idKey}'`);
    const { [idKey]: id, ...rest } = data;
    return { [rename]: String(id), ...rest } as T;
  });
  facts.title = m.get('title')?.string('title') ?? '';
  facts.source = m.get('source')?.string('source') ?? null;
  facts.messages = list('messages', 'id', 'id');
  facts.patches = list('patches', 'patch-id', 'patchId');
  facts.commits = list('commits', 'id', 'id');
  facts.note = m.get('note')?.string('note') ?? '';
  return facts;
}

export function readRace(text: string, file: string, id: string): RaceSpec {
  const root = readYaml(text, file);
  const m = root.map('a race file', TOP);
  const race = need(m, 'race', root, 'a race file').string('race (its id)');
  if (race !== id) m.get('race')!.fail(`the race is called '${race}' but its file says '${id}'; use the same name`);
  const state: Record<string, unknown> = {};
  for (const [key, sv] of m.get('state')?.entries('state (name: object)') ?? []) state[key] = buildObject(key, sv);
  const threads = need(m, 'threads', root, 'a race file').entries('threads (name: thread)').map(([t, tv]) => readThread(t, tv));
  const invariants = (m.get('invariants')?.entries('invariants (name: …)') ?? []).map(([name, iv]) => {
    const im = iv.map(`invariant '${name}'`, ['says', 'at', 'check']);
    const at = im.get('at')?.string('at') ?? 'always';
    if (at !== 'always' && at !== 'end') im.get('at')!.fail(`expected at: always or end, found '${at}'`);
    return { name, line: iv.keyLine, says: need(im, 'says', iv, `invariant '${name}'`).string('says (the invariant in words)'), at: at as 'always' | 'end', check: code(im.get('check')) };
  });
  const variants = need(m, 'variants', root, 'a race file').entries('variants (name: variant)').map(([n, vv]) => readVariant(n, vv));
  return {
    file,
    id,
    title: need(m, 'title', root, 'a race file').string('title'),
    summary: m.get('summary')?.string('summary') ?? '',
    seed: m.get('seed')?.string('seed') ?? '',
    story: m.get('story')?.string('story') ?? null,
    functions: m.get('functions')?.strings('function names') ?? [],
    locks: m.get('locks')?.strings('lock names') ?? [],
    facts: readFacts(m.get('facts')),
    consts: (m.get('const')?.plain() ?? {}) as Record<string, unknown>,
    state,
    defines: readDefines(m.get('define')),
    threads,
    invariants,
    variants,
    show: m.get('show') ? template(m.get('show')!.string('show (a text with {expressions})'), file, m.get('show')!.textLine) : null,
  };
}

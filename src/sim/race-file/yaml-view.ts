// Reading a race file's YAML with the line of every node, so that every error names file:line.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { RaceFileError } from './ast.js';

export interface At {
  file: string;
  line: number;
}

/** A YAML node with its position and typed accessors that fail with file:line. */
export class View {
  constructor(
    readonly node: Node | null,
    private readonly lines: LineCounter,
    readonly file: string,
    /** Line of the key this value belongs to (for a missing or empty value). */
    readonly keyLine: number,
  ) {}

  get line(): number {
    const start = this.node?.range?.[0];
    return start === undefined ? this.keyLine : this.lines.linePos(start).line;
  }

  /** First line of a scalar's text (a block scalar `|` starts on the next line). */
  get textLine(): number {
    const n = this.node;
    return isScalar(n) && (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') ? this.line + 1 : this.line;
  }

  fail(problem: string, line = this.line): never {
    throw new RaceFileError(this.file, line, problem);
  }

  get isNull(): boolean {
    return this.node === null || (isScalar(this.node) && this.node.value === null);
  }

  /** The entries of a mapping, in order. `allowed` names the keys it may have. */
  entries(what: string, allowed?: readonly string[]): [string, View][] {
    if (this.isNull) return [];
    if (!isMap(this.node)) this.fail(`expected ${what} (a mapping of key: value)`);
    const out: [string, View][] = [];
    for (const pair of this.node.items) {
      const key = pair.key as Node;
      const keyLine = key?.range ? this.lines.linePos(key.range[0]).line : this.line;
      const name = isScalar(key) ? String(key.value) : this.fail(`expected a plain key in ${what}`, keyLine);
      if (allowed && !allowed.includes(name)) this.fail(`unknown field '${name}' in ${what} (expected one of: ${allowed.join(', ')})`, keyLine);
      out.push([name, new View((pair.value as Node) ?? null, this.lines, this.file, keyLine)]);
    }
    return out;
  }

  map(what: string, allowed?: readonly string[]): Map<string, View> {
    return new Map(this.entries(what, allowed));
  }

  items(what: string): View[] {
    if (this.isNull) return [];
    if (!isSeq(this.node)) this.fail(`expected ${what} (a list)`);
    return this.node.items.map((n) => new View(n as Node, this.lines, this.file, this.line));
  }

  string(what: string): string {
    if (!isScalar(this.node) || this.node.value === null || typeof this.node.value === 'object') this.fail(`expected ${what} (text)`);
    return String(this.node.value);
  }

  strings(what: string): string[] {
    return this.items(what).map((v) => v.string(what));
  }

  /** Any plain value (scalars, lists and mappings of them) as JSON-like data. */
  plain(): unknown {
    return this.node === null ? null : (this.node as Node & { toJSON(): unknown }).toJSON();
  }
}

export function readYaml(text: string, file: string): View {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line ?? lines.linePos(first.pos[0]).line;
    throw new RaceFileError(file, line, `YAML syntax: ${first.message.split('\n')[0]}`);
  }
  return new View((doc.contents as Node) ?? null, lines, file, 1);
}

/** A required field. */
export function need(m: Map<string, View>, key: string, owner: View, what: string): View {
  const v = m.get(key);
  if (!v || v.isNull) owner.fail(`${what} needs '${key}'`);
  return v;
}

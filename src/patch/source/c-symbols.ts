// Symbol ranges of a C file from tree-sitter's C grammar (web-tree-sitter + the wasm grammar
// that the tree-sitter-c package ships): functions, structs/unions/enums with bodies, macros,
// file-scope variables and typedefs, each with its first and last line (1-based, inclusive).
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';
import type { SymbolKind } from '../types.js';
import { blankAnnotations } from './annotations.js';

export interface SymbolRange {
  name: string;
  kind: SymbolKind;
  startLine: number;
  endLine: number;
  /** tree-sitter had to recover from a syntax error inside it (macros it cannot see through). */
  hasError?: boolean;
}

/** Line ranges tree-sitter could not parse into any definition. */
export interface ParsedC {
  symbols: SymbolRange[];
  unparsed: Array<{ startLine: number; endLine: number }>;
}

let parserPromise: Promise<Parser> | null = null;

/** One parser for the process; loading the grammar takes a few milliseconds once. */
export function cParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const wasm = createRequire(import.meta.url).resolve('tree-sitter-c/tree-sitter-c.wasm');
    const parser = new Parser();
    parser.setLanguage(await Language.load(wasm));
    return parser;
  })();
  return parserPromise;
}

function lastLine(node: Node): number {
  // Preprocessor lines end with their newline: the node then ends at column 0 of the next row.
  const end = node.endPosition;
  return end.column === 0 && end.row > node.startPosition.row ? end.row : end.row + 1;
}

/** The identifier a declarator declares ('*foo', 'foo(args)', 'foo[3]', '(*foo)(…)' → foo). */
function declaredName(node: Node | null): { name: string; isFunction: boolean } | null {
  let isFunction = false;
  for (let cur = node, guard = 0; cur && guard < 50; guard++) {
    if (cur.type === 'identifier' || cur.type === 'type_identifier' || cur.type === 'field_identifier') return { name: cur.text, isFunction };
    if (cur.type === 'function_declarator') isFunction = isFunction || cur.childForFieldName('declarator')?.type !== 'parenthesized_declarator';
    cur = cur.childForFieldName('declarator') ?? cur.namedChildren.find((c) => c?.type.endsWith('declarator') || c?.type === 'identifier') ?? null;
  }
  return null;
}

function aggregateOf(node: Node | null, out: SymbolRange[]): void {
  if (!node || !/^(struct|union|enum)_specifier$/.test(node.type)) return;
  const name = node.childForFieldName('name');
  if (!name || !node.childForFieldName('body')) return;
  out.push({ name: name.text, kind: node.type.split('_')[0] as SymbolKind, startLine: node.startPosition.row + 1, endLine: lastLine(node) });
}

const CONTAINERS = /^(translation_unit|ERROR|preproc_if|preproc_ifdef|preproc_else|preproc_elif|preproc_elifdef|linkage_specification|declaration_list)$/;
const DEFINITIONS = /^(function_definition|preproc_def|preproc_function_def|type_definition|declaration|struct_specifier|union_specifier|enum_specifier|comment|preproc_include|preproc_call|;)$/;

function collect(node: Node, out: SymbolRange[], unparsed?: ParsedC['unparsed']): void {
  const range = (name: string, kind: SymbolKind) => out.push({ name, kind, startLine: node.startPosition.row + 1, endLine: lastLine(node), hasError: node.hasError || undefined });
  switch (node.type) {
    case 'function_definition': {
      const d = declaredName(node.childForFieldName('declarator'));
      if (d) range(d.name, 'function');
      return;
    }
    case 'preproc_def':
    case 'preproc_function_def': {
      const name = node.childForFieldName('name');
      if (name) range(name.text, 'macro');
      return;
    }
    case 'type_definition': {
      aggregateOf(node.childForFieldName('type'), out);
      for (const d of node.childrenForFieldName('declarator')) {
        const n = declaredName(d);
        if (n) range(n.name, 'typedef');
      }
      return;
    }
    case 'declaration': {
      aggregateOf(node.childForFieldName('type'), out);
      for (const d of node.childrenForFieldName('declarator')) {
        const n = declaredName(d);
        if (n && !n.isFunction) range(n.name, 'variable');
      }
      return;
    }
    case 'struct_specifier':
    case 'union_specifier':
    case 'enum_specifier':
      aggregateOf(node, out);
      return;
    default:
      // Conditional compilation and extern "C" blocks hold more top-level definitions; so does an
      // ERROR node, which is what tree-sitter makes of a region it could not parse.
      if (CONTAINERS.test(node.type)) {
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (unparsed && node.type === 'ERROR' && !DEFINITIONS.test(child.type) && !CONTAINERS.test(child.type)) {
            unparsed.push({ startLine: child.startPosition.row + 1, endLine: lastLine(child) });
          }
          collect(child, out, unparsed);
        }
      } else if (unparsed && node.type !== 'comment' && !/^preproc_/.test(node.type)) {
        unparsed.push({ startLine: node.startPosition.row + 1, endLine: lastLine(node) });
      }
  }
}

export async function parseC(source: string): Promise<ParsedC> {
  const parser = await cParser();
  const tree = parser.parse(blankAnnotations(source));
  if (!tree) return { symbols: [], unparsed: [{ startLine: 1, endLine: source.split('\n').length }] };
  try {
    const symbols: SymbolRange[] = [];
    const unparsed: ParsedC['unparsed'] = [];
    collect(tree.rootNode, symbols, unparsed);
    return { symbols, unparsed };
  } finally {
    tree.delete();
  }
}

export async function symbolRanges(source: string): Promise<SymbolRange[]> {
  return (await parseC(source)).symbols;
}

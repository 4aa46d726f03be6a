// Paragraph structure of the prose and quote lines, by remark-parse.
// Mail is not markdown, so remark only ever sees a rewritten body: every run of lines that are
// not prose or quote (diffs, signatures, …) becomes one empty line, every quote prefix is
// written canonically ('> > '), and a line at another depth gets an empty line in between so
// that markdown's "lazy continuation" cannot pull new prose into the quote above it.
// Positions in remark's tree are then mapped back to body line numbers.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Node, Parent } from 'unist';
import type { BodyLine } from './lines.js';

export interface Block {
  lineStart: number;
  lineEnd: number;
}

const parser = unified().use(remarkParse);

/** Paragraph-like blocks among the lines for which `isText` holds, in body order. */
export function paragraphBlocks(lines: BodyLine[], isText: (index: number) => boolean): Block[] {
  const md: string[] = [];
  const bodyLineOf: Array<number | null> = [];
  let previousDepth = -1; // depth of the last text line written, -1 after a separator
  lines.forEach((line, i) => {
    const text = isText(i) && !line.blank;
    if (!text || (previousDepth >= 0 && previousDepth !== line.depth)) {
      // One empty line stands for any run of blank or non-prose lines: it ends every paragraph
      // and blockquote, which is all remark needs to know, and keeps long diffs out of its input.
      if (previousDepth !== -1 || md.length === 0) {
        md.push('');
        bodyLineOf.push(null);
      }
      previousDepth = -1;
      if (!text) return;
    }
    md.push('> '.repeat(line.depth) + line.content);
    bodyLineOf.push(line.number);
    previousDepth = line.depth;
  });

  let tree: Parent;
  try {
    tree = parser.parse(md.join('\n')) as Parent;
  } catch {
    return []; // remark does not throw on text, but a paragraph-less result is still usable
  }
  const blocks: Block[] = [];
  const visit = (parent: Parent) => {
    for (const child of parent.children as Node[]) {
      if (child.type === 'blockquote') visit(child as Parent);
      else if (child.type === 'list') visit(child as Parent);
      else addBlock(child);
    }
  };
  const addBlock = (node: Node) => {
    const start = node.position?.start.line;
    const end = node.position?.end.line;
    if (!start || !end) return;
    let first: number | null = null;
    let last: number | null = null;
    for (let l = start; l <= end; l++) {
      const body = bodyLineOf[l - 1];
      if (body == null) continue;
      first ??= body;
      last = body;
    }
    if (first !== null && last !== null) blocks.push({ lineStart: first, lineEnd: last });
  };
  visit(tree);
  return blocks.sort((a, b) => a.lineStart - b.lineStart);
}

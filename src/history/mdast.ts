// Tiny constructors for the mdast nodes the history uses, so the document code reads as
// prose structure rather than object literals. Text always goes in text/inlineCode nodes:
// remark-stringify escapes it, so mail text can never become Markdown or HTML syntax.
import type {
  Code, Heading, InlineCode, Link, List, ListItem, Paragraph, PhrasingContent, RootContent,
  Strong, Table, TableCell, TableRow, Text, Blockquote, Emphasis,
} from 'mdast';

export type Inline = PhrasingContent | string;

function phrasing(parts: Inline[]): PhrasingContent[] {
  return parts.map((p) => (typeof p === 'string' ? text(p) : p));
}

export const text = (value: string): Text => ({ type: 'text', value });
export const code = (value: string): InlineCode => ({ type: 'inlineCode', value });
export const strong = (...parts: Inline[]): Strong => ({ type: 'strong', children: phrasing(parts) });
export const emphasis = (...parts: Inline[]): Emphasis => ({ type: 'emphasis', children: phrasing(parts) });
export const link = (url: string, ...parts: Inline[]): Link => ({ type: 'link', url, children: phrasing(parts) });
export const paragraph = (...parts: Inline[]): Paragraph => ({ type: 'paragraph', children: phrasing(parts) });
export const heading = (depth: 1 | 2 | 3 | 4, ...parts: Inline[]): Heading => ({
  type: 'heading', depth, children: phrasing(parts),
});
export const codeBlock = (lang: string, value: string): Code => ({ type: 'code', lang, value });
export const blockquote = (...children: RootContent[]): Blockquote => ({
  type: 'blockquote', children: children as Blockquote['children'],
});

export function list(items: Array<RootContent[] | Inline[]>): List {
  const children: ListItem[] = items.map((item) => {
    const isBlock = item.length > 0 && typeof item[0] !== 'string' &&
      ['paragraph', 'list', 'code', 'blockquote', 'table', 'heading'].includes((item[0] as RootContent).type);
    const content = isBlock ? (item as RootContent[]) : [paragraph(...(item as Inline[]))];
    return { type: 'listItem', spread: false, children: content as ListItem['children'] };
  });
  return { type: 'list', ordered: false, spread: false, children };
}

/** A GFM table; each cell is one inline part or several (pipes are escaped by the serialiser). */
export function table(header: string[], rows: Array<Array<Inline | Inline[]>>): Table {
  const row = (cells: Array<Inline | Inline[]>): TableRow => ({
    type: 'tableRow',
    children: cells.map((c): TableCell => ({ type: 'tableCell', children: phrasing(Array.isArray(c) ? c : [c]) })),
  });
  return {
    type: 'table',
    align: header.map(() => null),
    children: [row(header), ...rows.map(row)],
  };
}

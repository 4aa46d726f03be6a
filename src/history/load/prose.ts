// A message cut into blocks (attribution, quote, prose) and the argument pairs made from
// them: each depth-1 quote with the new prose written right beneath it. Blocks come from the
// segments table when the mail stage filled it, else from the body itself.

export interface Block {
  kind: 'attribution' | 'quote' | 'prose' | 'other';
  /** '>' depth for quotes, 0 otherwise. */
  depth: number;
  text: string;
}

export interface BodyPair {
  pointText: string;
  /** From the attribution line above the quote: "On <date>, <name> wrote:". */
  pointAuthor: string | null;
  pointDate: string | null;
  replyText: string;
}

const ATTRIBUTION = /^(?:On (.*), )?([^,]+?)(?: <[^>]*>)? wrote:\s*$/;
const DIFF_START = /^(diff |Index: |--- \S|\+\+\+ \S|@@ -)/;
const END_OF_TEXT = /^(-- ?$|--=_|\[-- Attachment|_{5,})/;
const TRAILER = /^[A-Z][A-Za-z-]+-by: /;

/** Parses an attribution line; null when the line is not one. */
export function parseAttribution(line: string): { name: string | null; date: string | null } | null {
  const m = ATTRIBUTION.exec(line.trim());
  if (!m) return null;
  return { date: m[1] ?? null, name: m[2]?.trim() || null };
}

function quoteDepth(line: string): number {
  const m = /^((?:>\s?)+)/.exec(line);
  return m ? (m[1].match(/>/g) ?? []).length : 0;
}

function stripQuote(line: string, depth: number): string {
  let rest = line;
  for (let i = 0; i < depth; i++) rest = rest.replace(/^>\s?/, '');
  return rest;
}

/** Cuts a body into blocks, stopping at the first diff or signature. */
export function blocksFromBody(body: string): Block[] {
  const lines = body.replace(/\r\n/g, '\n').split('\n');
  // An attribution can wrap: "On Tue, … Linus Torvalds\n<torvalds@…> wrote:".
  for (let i = 1; i < lines.length; i++) {
    if (/^<[^>]+> wrote:\s*$/.test(lines[i]) && /^On /.test(lines[i - 1])) {
      lines[i - 1] = `${lines[i - 1]} ${lines[i]}`;
      lines[i] = '';
    }
  }
  const blocks: Block[] = [];
  const push = (kind: Block['kind'], depth: number, line: string) => {
    const last = blocks[blocks.length - 1];
    if (last && last.kind === kind && last.depth === depth && kind !== 'attribution') last.text += `\n${line}`;
    else blocks.push({ kind, depth, text: line });
  };
  for (const line of lines) {
    const depth = quoteDepth(line);
    if (depth === 0 && (DIFF_START.test(line) || END_OF_TEXT.test(line))) break;
    if (depth > 0 && parseAttribution(stripQuote(line, depth))) push('attribution', depth, stripQuote(line, depth).trim());
    else if (depth > 0) push('quote', depth, stripQuote(line, depth));
    else if (parseAttribution(line)) push('attribution', 0, line.trim());
    else if (TRAILER.test(line)) push('other', 0, line);
    else push('prose', 0, line);
  }
  return blocks.map((b) => ({ ...b, text: b.text.trim() })).filter((b) => b.text !== '');
}

/** Paragraphs of new prose (depth 0), blank-line separated. */
export function proseParagraphs(blocks: Block[]): string[] {
  return blocks
    .filter((b) => b.kind === 'prose' && b.depth === 0)
    .flatMap((b) => b.text.split(/\n\s*\n/))
    .map((p) => p.replace(/[ \t]+\n/g, '\n').trim())
    .filter((p) => p !== '');
}

/**
 * Depth-1 quotes paired with the prose right after them. Deeper quotes are someone else's
 * words inside the quoted message, so they are not the point being answered.
 */
export function pairArguments(blocks: Block[]): BodyPair[] {
  const pairs: BodyPair[] = [];
  let author: { name: string | null; date: string | null } = { name: null, date: null };
  let point: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'attribution' && block.depth === 0) {
      author = parseAttribution(block.text) ?? { name: null, date: null };
    } else if (block.kind === 'quote' && block.depth === 1) {
      point.push(block.text);
    } else if (block.kind === 'prose' && block.depth === 0 && point.length > 0) {
      pairs.push({ pointText: point.join('\n\n'), pointAuthor: author.name, pointDate: author.date, replyText: block.text });
      point = [];
    }
  }
  return pairs;
}

// attributeQuotes: quote blocks of a reply → whose words they are, from which message, and which
// new paragraph answers which quoted one. Plain data in, plain data out; never throws.
import { segmentBody, type Segment, type AttributionParse } from '../segment/index.js';
import { ancestorForAttribution } from './match-ancestor.js';
import type { Ancestor, ParagraphRef, QuoteAttribution, QuoteRow, ReplyEdge } from './types.js';

export interface ReplyMessage {
  messageId: string;
  /** The decoded body (Mail.text). */
  text: string;
}

interface QuoteBlock {
  depth: number;
  segments: Segment[];
  attribution: Segment | null;
  /** Index in the segment list of the block's last segment. */
  lastIndex: number;
}

export function attributeQuotes(
  reply: ReplyMessage, ancestry: Ancestor[] = [], segments: Segment[] = segmentBody(reply?.text ?? ''),
): QuoteAttribution {
  const problems: string[] = [];
  const messageId = reply?.messageId ?? '';
  const lineage = Array.isArray(ancestry) ? ancestry : [];
  const blocks = quoteBlocks(segments);
  /** Ancestor index minus (depth − 1), per depth resolved so far: deeper quotes follow it. */
  const shiftAtDepth = new Map<number, number>();

  const quotes: QuoteRow[] = blocks.map((block, i) => {
    const row = resolveBlock(block, lineage, shiftAtDepth, problems);
    const beneath = segments[block.lastIndex + 1];
    const replyText =
      block.depth === 1 && beneath?.kind === 'prose' && beneath.depth === 0 ? beneath.text : null;
    return {
      messageId,
      ordinal: i + 1,
      depth: block.depth,
      ...row,
      attribution: block.attribution?.text ?? null,
      quotedText: block.segments.map((s) => s.text).join('\n\n'),
      replyText,
      lineStart: block.segments[0].lineStart,
      lineEnd: block.segments[block.segments.length - 1].lineEnd,
    };
  });
  return { quotes, edges: replyEdges(messageId, segments, blocks), problems };
}

/** Runs of adjacent non-attribution segments at one depth > 0, with the attribution in force. */
function quoteBlocks(segments: Segment[]): QuoteBlock[] {
  const blocks: QuoteBlock[] = [];
  const attributionFor = new Map<number, Segment>();
  segments.forEach((segment, index) => {
    if (segment.kind === 'attribution') {
      const introduces = segment.depth + 1;
      attributionFor.set(introduces, segment);
      for (const d of [...attributionFor.keys()]) if (d > introduces) attributionFor.delete(d);
      return;
    }
    if (segment.depth === 0) return;
    const last = blocks[blocks.length - 1];
    if (last && last.lastIndex === index - 1 && last.depth === segment.depth) {
      last.segments.push(segment);
      last.lastIndex = index;
      return;
    }
    blocks.push({ depth: segment.depth, segments: [segment], attribution: attributionFor.get(segment.depth) ?? null, lastIndex: index });
  });
  return blocks;
}

type Resolved = Pick<QuoteRow, 'quotedAuthorName' | 'quotedAuthorEmail' | 'quotedMessageId' | 'resolution'>;
const UNKNOWN: Resolved = { quotedAuthorName: null, quotedAuthorEmail: null, quotedMessageId: null, resolution: 'unresolved' };

function resolveBlock(block: QuoteBlock, ancestry: Ancestor[], shiftAtDepth: Map<number, number>, problems: string[]): Resolved {
  const who: AttributionParse | undefined = block.attribution?.attribution;
  if (block.attribution) {
    if (!who || (!who.name && !who.email)) {
      problems.push(`line ${block.attribution.lineStart}: attribution names nobody: ${JSON.stringify(block.attribution.text)}`);
      return UNKNOWN;
    }
    const found = ancestorForAttribution(who, ancestry, block.depth);
    if (found && 'index' in found) {
      shiftAtDepth.set(block.depth, found.index - (block.depth - 1));
      const a = ancestry[found.index];
      return {
        quotedAuthorName: who.name ?? a.authorName,
        quotedAuthorEmail: who.email ?? a.authorEmail?.toLowerCase() ?? null,
        quotedMessageId: a.messageId,
        resolution: 'attribution-ancestor',
      };
    }
    if (found && 'ambiguous' in found) {
      problems.push(`line ${block.attribution.lineStart}: ${found.ambiguous} ancestors by ${who.name ?? who.email}; message left unknown`);
    }
    return { quotedAuthorName: who.name, quotedAuthorEmail: who.email, quotedMessageId: null, resolution: 'attribution' };
  }
  // No attribution line: the quote at depth d is the ancestor d − 1 up (shifted like the nearest
  // shallower quote whose attribution pointed further up the thread).
  let shift = 0;
  for (let d = block.depth - 1; d >= 1; d--) {
    if (shiftAtDepth.has(d)) { shift = shiftAtDepth.get(d)!; break; }
  }
  const a = ancestry[block.depth - 1 + shift];
  if (!a) return UNKNOWN;
  return {
    quotedAuthorName: a.authorName,
    quotedAuthorEmail: a.authorEmail?.toLowerCase() ?? null,
    quotedMessageId: a.messageId,
    resolution: 'ancestry',
  };
}

function replyEdges(messageId: string, segments: Segment[], blocks: QuoteBlock[]): ReplyEdge[] {
  const edges: ReplyEdge[] = [];
  blocks.forEach((block, i) => {
    const beneath = segments[block.lastIndex + 1];
    if (!beneath || beneath.depth !== block.depth - 1 || (beneath.kind !== 'prose' && beneath.kind !== 'quote')) return;
    const quoted = lastParagraph(block);
    for (const p of beneath.paragraphs ?? []) {
      edges.push({ messageId, placement: 'beneath', reply: { depth: beneath.depth, ...p }, quoteOrdinal: i + 1, quoted });
    }
  });
  // Top-posting: all new prose stands above the first quote, none below any quote.
  const firstQuote = blocks.findIndex((b) => b.depth === 1);
  if (firstQuote >= 0) {
    const firstQuoteSegment = segments.indexOf(blocks[firstQuote].segments[0]);
    const prose = segments.map((s, i) => ({ s, i })).filter(({ s }) => s.kind === 'prose');
    if (prose.length && prose.every(({ i }) => i < firstQuoteSegment)) {
      const quoted = firstParagraph(blocks[firstQuote]);
      for (const { s } of prose) {
        for (const p of s.paragraphs ?? []) {
          edges.push({ messageId, placement: 'top-posted', reply: { depth: 0, ...p }, quoteOrdinal: firstQuote + 1, quoted });
        }
      }
    }
  }
  return edges;
}

function lastParagraph(block: QuoteBlock): ParagraphRef {
  const segment = block.segments[block.segments.length - 1];
  const p = segment.paragraphs?.[segment.paragraphs.length - 1];
  return p ? { depth: block.depth, ...p } : { depth: block.depth, text: segment.text, lineStart: segment.lineStart, lineEnd: segment.lineEnd };
}

function firstParagraph(block: QuoteBlock): ParagraphRef {
  const segment = block.segments[0];
  const p = segment.paragraphs?.[0];
  return p ? { depth: block.depth, ...p } : { depth: block.depth, text: segment.text, lineStart: segment.lineStart, lineEnd: segment.lineEnd };
}

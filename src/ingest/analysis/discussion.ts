// The discussion side of a message, computed on the main thread (see analyze-mail.ts): body segments, the new
// prose that full-text search indexes, and the code symbols the message talks about.
// Quote attribution needs the thread, so it is done after threading (src/passes/quote-pass.ts), not here.
import { findMentions } from '../../mail/mentions/index.js';
import { segmentBody, type Segment } from '../../mail/segment/index.js';
import type { Mail } from '../../mail/types.js';
import type { MentionRow, QuoteRow, SegmentRow } from '../../store/types.js';

export interface Discussion {
  /** The sender's new words only: prose segments at depth 0, paragraphs kept apart. */
  prose: string;
  segments: SegmentRow[];
  mentions: MentionRow[];
  /** Always empty here: filled by the post-threading pass (src/passes/quote-pass.ts). */
  quotes: QuoteRow[];
}

export function discussionOf(mail: Pick<Mail, 'subject' | 'text'>, attachedCode: string[]): Discussion {
  let segments: Segment[];
  try {
    segments = segmentBody(mail.text ?? '', { paragraphs: false }); // paragraphs are not stored
  } catch {
    segments = []; // segmentBody does not throw on text; a message without segments is still stored
  }
  // attachedCode: words the message's own code defines or calls (its inline diffs are in segments).
  return {
    prose: newProse(segments),
    segments: segments.map(({ kind, depth, lineStart, lineEnd }) => ({ kind, depth, lineStart, lineEnd })),
    mentions: findMentions(mail.subject, segments, { code: attachedCode }),
    quotes: [],
  };
}

/** What the sender wrote now: no quotes, diffs, signatures, trailers, footers or attributions. */
export function newProse(segments: Segment[]): string {
  return segments
    .filter((s) => s.kind === 'prose' && s.depth === 0)
    .map((s) => s.text)
    .join('\n\n');
}

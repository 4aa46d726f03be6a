// What segmentation produces: a mail body cut into typed, line-addressed pieces.
// One Segment is one row of the `segments` table (src/store/schema.sql), plus line positions
// and, for prose and quotes, the paragraphs remark found inside it.

export type SegmentKind =
  | 'prose'        // new text written by the sender (depth 0)
  | 'quote'        // quoted text, depth = number of '>' markers
  | 'attribution'  // "On …, X wrote:" and its kin, introducing the quote one level deeper
  | 'diff'         // a unified diff or a fragment of one, at any depth
  | 'signature'    // from a "-- " line to the end of the sender's words
  | 'trailer'      // Signed-off-by:, Reviewed-by:, Fixes: … blocks
  | 'footer'       // mailing-list footers (vger "To unsubscribe", mailman "___ listinfo", Google Groups)
  | 'scissors';    // "-- >8 --": what follows is the real commit message

/** A paragraph-like block of a prose or quote segment, as remark-parse saw it. */
export interface Paragraph {
  /** The paragraph's lines with quote markers removed, joined by '\n'. */
  text: string;
  /** 1-based line numbers in the body, inclusive. */
  lineStart: number;
  lineEnd: number;
}

/** Who an attribution line names; every field null when the line does not say. */
export interface AttributionParse {
  name: string | null;
  /** Lower-cased. */
  email: string | null;
  /** The date as written in the line ("Sat, May 31, 2003 at 04:48:16PM -0700"). */
  dateText: string | null;
}

export interface Segment {
  kind: SegmentKind;
  /** Quote depth of the lines: 0 for the sender's own lines. An attribution at depth d introduces depth d+1. */
  depth: number;
  /** The lines with their quote markers ('> > ') removed, joined by '\n'. */
  text: string;
  /** 1-based line numbers in the body, inclusive (blank lines around the segment excluded). */
  lineStart: number;
  lineEnd: number;
  /** Prose and quote segments only. */
  paragraphs?: Paragraph[];
  /** Attribution segments only. */
  attribution?: AttributionParse;
}

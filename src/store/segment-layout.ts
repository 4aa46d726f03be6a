// A message's segmentation as stored: one JSON array in message_bodies.segments, one
// [kind, depth, line_start, line_end] entry per segment, in body order. One row per message, not
// one per segment: segments were 37% of the rows an ingest wrote (14 a message on lore-sized
// mail), and the quote pass read them a message at a time. The `segments` view (schema.sql)
// still shows them as rows for SQL.
import type { SegmentRow } from './types.js';

type Packed = [kind: string, depth: number, lineStart: number, lineEnd: number];

/** The column value for a message's segments; null when it has none. */
export function packSegments(segments: readonly SegmentRow[]): string | null {
  if (segments.length === 0) return null;
  return JSON.stringify(segments.map((s): Packed => [s.kind, s.depth, s.lineStart, s.lineEnd]));
}

/** The segments back from the column (none for null or a value that is not a layout). */
export function unpackSegments(packed: string | null | undefined): SegmentRow[] {
  if (!packed) return [];
  let entries: unknown;
  try {
    entries = JSON.parse(packed);
  } catch {
    return [];
  }
  if (!Array.isArray(entries)) return [];
  return (entries as Packed[]).map(([kind, depth, lineStart, lineEnd]) => ({ kind, depth, lineStart, lineEnd }));
}

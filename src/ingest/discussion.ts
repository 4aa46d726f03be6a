// The discussion side of a message: segments, new prose, mentions, quotes.
import type { Mail } from '../mail/types.js';
import type { MentionRow, QuoteRow, SegmentRow } from '../store/types.js';

export interface Discussion {
  prose: string;
  segments: SegmentRow[];
  mentions: MentionRow[];
  quotes: QuoteRow[];
}

/** New prose: lines that are not quoted and come before the first diff or signature. */
export function discussionOf(mail: Mail): Discussion {
  const prose: string[] = [];
  for (const line of mail.text.split('\n')) {
    if (/^(diff --git |--- |Index: |-- $)/.test(line)) break;
    if (!/^\s*>/.test(line)) prose.push(line);
  }
  return { prose: prose.join('\n').trim(), segments: [], mentions: [], quotes: [] };
}

// What every page reader needs to say where things came from, kept in one place.
import type { Origin, SourceItem } from '../types.js';
import type { OverviewEntry } from './overview.js';

export interface PageContext {
  /** A stable key for the page (its file name): synthetic ids derive from it. */
  key: string;
  origin(locator: string): Origin;
  error(reason: string): SourceItem;
}

export function pageContext(path: string, key: string): PageContext {
  const origin = (locator: string): Origin => ({ source: path, format: 'page', locator });
  return {
    key,
    origin,
    error: (reason) => ({ kind: 'error', origin: origin('page'), reason: `${path}: ${reason}` }),
  };
}

export function stubItem(entry: OverviewEntry, page: PageContext): SourceItem {
  return {
    kind: 'stub',
    origin: page.origin(`overview line=${entry.line}`),
    stub: {
      messageId: entry.messageId,
      synthetic: entry.synthetic,
      subject: entry.subject,
      authorName: entry.authorName,
      date: entry.date,
      parentMessageId: entry.parentMessageId,
      depth: entry.depth,
    },
  };
}

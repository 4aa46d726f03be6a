// Series: postings grouped, versions linked, review trailers in replies. Pure functions over
// plain rows; src/passes/series-pass.ts reads the rows from the store and writes the results.
import { groupSeries } from './group.js';
import type { SeriesMessage, SeriesResult } from './types.js';
import { linkVersions } from './versions.js';

export function findSeries(messages: readonly SeriesMessage[]): SeriesResult {
  const list = Array.isArray(messages) ? messages : [];
  const series = groupSeries(list);
  return { series, lineages: linkVersions(series, list) };
}

export { groupSeries, linkVersions };
export { normaliseTitle, authorKey } from './title.js';
export { changeIdsIn, linkedMessageIdsIn } from './message-facts.js';
export { reviewTrailersIn, answeredMessage, REVIEW_TRAILERS } from './reply-trailers.js';
export type * from './types.js';

// What became of a patch upstream, from the tables the upstream scan fills (upstream_repos,
// patch_landed). Without a scanned repository the history says nothing about upstream.
import type { Reader } from './sql.js';

export interface UpstreamReader {
  /** 'merged as <commit> (first in <tag>)', 'not found upstream', or null when nothing was scanned. */
  outcomeOf(patch: number): string | null;
}

export function createUpstreamReader(reader: Reader): UpstreamReader {
  if (!reader.filled('upstream_repos')) return { outcomeOf: () => null };
  const hasLanded = reader.filled('patch_landed');
  return {
    outcomeOf(patch) {
      const row = hasLanded
        ? reader.get<{ commit_id: string | null; first_tag: string | null }>(
          'SELECT commit_id, first_tag FROM patch_landed WHERE patch = ? AND commit_id IS NOT NULL', [patch])
        : undefined;
      if (!row?.commit_id) return 'not found upstream';
      return `merged as ${row.commit_id.slice(0, 12)}${row.first_tag ? ` (first in ${row.first_tag})` : ''}`;
    },
  };
}

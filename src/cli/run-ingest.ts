// The CLI's ingest, shared by `lorelab ingest` and `lorelab start`: V8 tuned for a long job, the
// database opened, progress on stderr, and the summary printed for people.
import { ingestAndLink, type IngestAndLinkSummary } from '../api/ingest.js';
import type { IngestProblem } from '../ingest/ingest.js';
import { tuneV8ForIngest } from '../ingest/v8/flags.js';
import type { SourceFormat } from '../sources/types.js';
import { openDatabase } from '../store/open.js';
import { progressReporter } from './progress.js';

export async function runIngest(path: string, inputs: string[], format?: SourceFormat): Promise<IngestAndLinkSummary> {
  tuneV8ForIngest();
  const db = openDatabase(path);
  const progress = progressReporter();
  try {
    return await ingestAndLink(db, inputs, { format, onProgress: progress.update, onPass: progress.step });
  } finally {
    progress.done();
    db.close();
  }
}

export function formatIngestSummary(s: IngestAndLinkSummary): string {
  const lines = [
    `${s.sources} source${s.sources === 1 ? '' : 's'}, ${s.messages} messages: ${s.new} new, ${s.filledStubs} filled stubs, ` +
      `${s.duplicates} duplicates, ${s.unchanged} unchanged, ${s.failed} failed, ${s.deleted} deleted; ${s.stubs} new stubs`,
  ];
  const { threads, quotes, series } = s.passes;
  if (threads && quotes && series) {
    lines.push(`then: threading ${threads.rows} messages in ${threads.groups} groups ${threads.seconds.toFixed(1)} s, ` +
      `quotes of ${quotes.messages} replies ${quotes.seconds.toFixed(1)} s, ${series.series} series ${series.seconds.toFixed(1)} s` +
      `${s.linkSeconds !== undefined ? `, links to race scenarios ${s.linkSeconds.toFixed(1)} s` : ''}`);
  }
  lines.push(...problemLines(s.errors.filter(skipped), 'skipped'), ...problemLines(s.errors.filter((e) => !skipped(e)), 'stored with a problem'));
  return `${lines.join('\n')}\n`;
}

/** Listed one a line up to this many of each kind; the rest are counted (all are in ingest_errors). */
const LISTED_PROBLEMS = 20;

/** A source problem or a message that did not parse: input not stored (or a source cut short). */
export function skipped(problem: IngestProblem): boolean {
  return problem.stage === 'source' || problem.stage === 'mime';
}

function problemLines(problems: IngestProblem[], what: string): string[] {
  const lines = problems.slice(0, LISTED_PROBLEMS).map((p) => {
    const where = [p.error.includes(p.source) ? null : p.source, p.locator ? `at ${p.locator}` : null, p.messageId ? `<${p.messageId}>` : null];
    const place = where.filter(Boolean).join(' ');
    return `${what}: ${p.error}${place ? ` (${place})` : ''}`;
  });
  const stages = [...new Set(problems.map((p) => `'${p.stage}'`))].join(', ');
  if (problems.length > LISTED_PROBLEMS) {
    lines.push(`${what}: ${problems.length - LISTED_PROBLEMS} more: lorelab sql "select * from ingest_errors where stage in (${stages})"`);
  }
  return lines;
}

// Progress on stderr: a live bar on a terminal (messages/s, ETA from the expected count),
// a plain log line per source and every few seconds otherwise.
import type { IngestProgress } from '../ingest/ingest.js';

/** What runs after the inputs, as the user reads it. */
const STEP_NAMES: Record<string, string> = {
  threads: 'threading',
  quotes: 'attributing quotes',
  series: 'grouping series and reply trailers',
  links: 'linking patches to race scenarios',
};

const BAR = 24;

export interface ProgressReporter {
  update: (p: IngestProgress) => void;
  /** A step after the inputs (a pass over the graph) starts or ends. */
  step: (name: string, state: 'start' | 'end') => void;
  done: () => void;
}

export function progressReporter(): ProgressReporter {
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  let lastSource = '';
  let lastLine = 0;
  let sourceStarted = started;
  let stepStarted = started;
  return {
    update(p) {
      const now = Date.now();
      if (p.source !== lastSource) {
        lastSource = p.source;
        sourceStarted = now;
        if (!tty) process.stderr.write(`ingest: ${p.source}${p.sourceExpected !== null ? ` (${p.sourceExpected} expected)` : ''}\n`);
      }
      if (p.sourceMessages === 0) return; // a source starting: its clock starts, nothing to show yet
      if (now - lastLine < (tty ? 100 : 5000)) return;
      lastLine = now;
      const line = describe(p, (now - started) / 1000, (now - sourceStarted) / 1000);
      if (tty) process.stderr.write(`\r\x1b[K${line}`);
      else process.stderr.write(`ingest: ${line}\n`);
    },
    step(name, state) {
      const what = STEP_NAMES[name] ?? name;
      if (state === 'start') {
        stepStarted = Date.now();
        process.stderr.write(tty ? `\r\x1b[K${what}…` : `ingest: ${what}…\n`);
      } else if (!tty) {
        process.stderr.write(`ingest: ${what} done in ${((Date.now() - stepStarted) / 1000).toFixed(1)} s\n`);
      }
    },
    done() {
      if (tty) process.stderr.write('\r\x1b[K');
    },
  };
}

export function describe(p: IngestProgress, seconds: number, sourceSeconds: number): string {
  const rate = p.messages / Math.max(seconds, 0.001);
  // A source's own rate once it has run a second (before that, its first batch over ~0 s is no rate).
  const sourceRate = sourceSeconds >= 1 ? p.sourceMessages / sourceSeconds : rate;
  if (p.sourceExpected && p.sourceExpected > 0) {
    const fraction = Math.min(p.sourceMessages / p.sourceExpected, 1);
    const filled = Math.round(fraction * BAR);
    const eta = sourceRate > 0 ? Math.max(p.sourceExpected - p.sourceMessages, 0) / sourceRate : 0;
    return `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${p.sourceMessages}/${p.sourceExpected} ${Math.round(rate)} msg/s ETA ${formatSeconds(eta)}`;
  }
  return `${p.messages} messages, ${Math.round(rate)} msg/s`;
}

function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

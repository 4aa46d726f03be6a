// Progress on stderr: a live line on a terminal, a plain line per source otherwise.
import type { IngestProgress } from '../ingest/ingest.js';

export function progressReporter(): { update: (p: IngestProgress) => void; done: () => void } {
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  let lastSource = '';
  let lastLine = 0;
  return {
    update(p) {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      const rate = Math.round(p.messages / seconds);
      if (tty) {
        if (Date.now() - lastLine < 100) return;
        lastLine = Date.now();
        process.stderr.write(`\r\x1b[K${p.messages} messages, ${rate}/s — ${p.source}`);
      } else if (p.source !== lastSource) {
        lastSource = p.source;
        process.stderr.write(`ingest: ${p.source}\n`);
      }
    },
    done() {
      if (tty) process.stderr.write('\r\x1b[K');
    },
  };
}

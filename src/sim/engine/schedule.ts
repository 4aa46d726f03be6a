// Schedules: the compact form of an interleaving. A schedule is the sequence of thread indices
// that moved, one atomic step each, joined by dots: "0.0.1.1.0" means thread 0 ran two steps,
// then thread 1 two, then thread 0 one. Parsing also accepts thread names ("fault.truncate")
// and spaces or commas as separators.
import type { Model } from './types.js';

export function formatSchedule(threads: readonly number[]): string {
  return threads.join('.');
}

export type ParsedSchedule = { ok: true; threads: number[] } | { ok: false; error: string };

export function parseSchedule<G>(model: Model<G>, text: string): ParsedSchedule {
  const tokens = text.trim().split(/[\s.,]+/).filter((t) => t.length > 0);
  const threads: number[] = [];
  for (const [position, token] of tokens.entries()) {
    const byName = model.threads.findIndex((t) => t.name === token);
    const index = byName >= 0 ? byName : /^\d+$/.test(token) ? Number(token) : -1;
    if (index < 0 || index >= model.threads.length) {
      const known = model.threads.map((t, i) => `${i}=${t.name}`).join(', ');
      return { ok: false, error: `schedule token ${position + 1} '${token}' names no thread (threads: ${known})` };
    }
    threads.push(index);
  }
  return { ok: true, threads };
}

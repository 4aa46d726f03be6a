// The history as JSON for scripts and tests: the subject, the ranked entries (why each is
// there, its versions, the touching patches with proposer and outcome, the subject's hunks,
// the exchanges about it, reports and races) and the notes on the data. Thread message tables
// are left out (`lorelab thread` and `show` give those).
import type { HistoryInput } from './types.js';

export function renderHistoryJson(input: HistoryInput): string {
  const { subject, since, until, entries, notes } = input;
  return `${JSON.stringify({ subject, since, until, entries, notes }, null, 2)}\n`;
}

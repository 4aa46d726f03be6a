// Human-readable counterexamples: numbered steps, then what broke and the state it broke in.
//    1  fault     handle_mm_fault: pte_none, call do_no_page
//    6  truncate  vmtruncate: zap_page_range — nothing mapped yet
import type { RunResult } from './run.js';

export function formatTrace(result: RunResult): string {
  const lines: string[] = [];
  const title = `${result.scenario} / ${result.variant} (${result.kind}): ${result.verdict}`;
  const expectation = result.verdict === result.expected ? '' : `  [expected ${result.expected}]`;
  lines.push(title + expectation);
  if (result.verdict === 'ok') {
    lines.push(`  no violation, deadlock or lost wake-up in ${result.states} states${result.complete ? '' : ' (search stopped at its state limit)'}`);
  } else {
    const width = Math.max(...result.trace.map((s) => s.threadName.length), 6);
    const numbers = String(result.trace.length).length;
    for (const step of result.trace) lines.push(`  ${String(step.n).padStart(numbers)}  ${step.threadName.padEnd(width)}  ${step.label}`);
    lines.push(`  ✗ ${result.invariant}: ${result.detail}`);
    if (result.invariantSays) lines.push(`    (${result.invariantSays})`);
    if (result.state) lines.push(`    state: ${result.state}`);
    lines.push(`  schedule: ${result.schedule}`);
  }
  lines.push(`  ${result.states} states, ${result.transitions} transitions, ${result.ms.toFixed(1)} ms`);
  return lines.join('\n');
}

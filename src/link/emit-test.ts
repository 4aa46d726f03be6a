// The regression test a replay leaves behind: a self-contained node:test file that imports the
// simulator by package name and checks (1) the recorded schedule still breaks the same
// invariant before the patch, step for step, and (2) each patched variant still has no problem
// under exhaustive exploration. Same inputs give the same file, byte for byte.
import type { ReplayReport } from './replay.js';
import { LinkError } from './errors.js';

export interface RaceTestSpec {
  scenario: string;
  /** The variant the schedule breaks (before the patch, or the patch that opens the race). */
  before: string;
  schedule: string;
  verdict: string;
  invariant: string;
  /** "thread: label" for each step, in order. */
  steps: string[];
  /** Variants that must explore to 'ok' (the patch). */
  patched: string[];
  /** Where it came from, for the header comment. */
  source: { messageId: string; patch: number; patchId: string | null; subject: string | null };
}

/** The spec of the test for a replay: its counterexample and the patch variants that close it. */
export function raceTestSpec(report: ReplayReport): RaceTestSpec {
  const ce = report.counterexample;
  if (!ce || !ce.invariant) throw new LinkError(`${report.scenario.id}: no variant shows the race, so there is no schedule to keep as a test`);
  const fixed = (kind: string) => report.runs.filter((r) => r.kind === kind && r.expected === 'ok').map((r) => r.variant);
  const patched = fixed('patch').length ? fixed('patch') : fixed('kernel');
  if (patched.length === 0) throw new LinkError(`${report.scenario.id}: no patch variant is expected to be free of problems; nothing to assert after the patch`);
  return {
    scenario: report.scenario.id,
    before: ce.variant,
    schedule: ce.schedule,
    verdict: ce.verdict,
    invariant: ce.invariant,
    steps: ce.trace.map((s) => `${s.threadName}: ${s.label}`),
    patched,
    source: { messageId: report.patch.messageId, patch: report.patch.ordinal, patchId: report.patch.patchId, subject: report.patch.subject },
  };
}

const q = (value: string) => JSON.stringify(value);

/** The command that regenerates the file: by patch-id when there is one (it survives reposts). */
function replayCommand(spec: RaceTestSpec): string {
  const s = spec.source;
  return s.patchId ? `lorelab replay --patch-id ${s.patchId}` : `lorelab replay '${s.messageId}' --patch ${s.patch}`;
}

export function emitRaceTest(spec: RaceTestSpec, simModule = 'lorelab/sim'): string {
  const { scenario, before } = spec;
  const steps = spec.steps.map((s) => `  ${q(s)},`).join('\n');
  const patched = spec.patched.map(q).join(', ');
  return `// Regression test for the race of scenario ${scenario}, emitted by
//   ${replayCommand(spec)} --emit-test <file>
// patch: ${(spec.source.subject ?? '(no subject)').replace(/\s+/g, ' ')}
// patch-id: ${spec.source.patchId ?? '(none)'}
// It fails when the model regresses: the schedule no longer reproduces the ${spec.invariant}
// violation step for step, or a patched variant is no longer free of problems.
// Run it wherever lorelab is installed: npx lorelab test <file>
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explore, replay, isSimError } from ${q(simModule)};

const scenario = ${q(scenario)};
const before = ${q(before)};
const schedule = ${q(spec.schedule)};
const steps = [
${steps}
];
const patched = [${patched}];

test(\`\${scenario}/\${before}: schedule \${schedule} reproduces ${spec.invariant}, step for step\`, () => {
  const run = replay(scenario, before, schedule);
  if (isSimError(run)) assert.fail(run.error);
  assert.equal(run.verdict, ${q(spec.verdict)});
  assert.equal(run.invariant, ${q(spec.invariant)});
  assert.deepEqual(run.trace.map((s) => \`\${s.threadName}: \${s.label}\`), steps);
});

for (const variant of patched) {
  test(\`\${scenario}/\${variant}: no violation under exhaustive exploration\`, () => {
    const run = explore(scenario, variant);
    if (isSimError(run)) assert.fail(run.error);
    assert.equal(run.complete, true, 'the search must finish for "ok" to mean anything');
    assert.equal(run.verdict, 'ok', run.detail ?? undefined);
  });
}
`;
}

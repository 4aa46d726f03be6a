// The simulator's figures: per scenario variant the states, transitions, states/s and time to
// verdict of the reduced explorer (symmetry + sleep sets), the reduction against plain
// exhaustive enumeration, and the scaled case — truncate-nopage with Andrea's frlock and four
// identical fault threads against one truncate (Spin: ~6.6 M stored states, 5–8 s).
//   npm run bench -- sim
import { explore, type ExploreOptions } from '../src/sim/engine/explore.js';
import type { Model } from '../src/sim/engine/types.js';
import { scenarios } from '../src/sim/scenarios/index.js';
import { truncateNopageModel } from '../src/sim/scenarios/truncate-nopage.js';

const PLAIN: ExploreOptions = { symmetry: false, sleepSets: false };

/** Best of `runs` timings (the machine is shared; the minimum is the least disturbed). */
function measure(build: () => Model<unknown>, options: ExploreOptions, runs: number) {
  let best = explore(build(), options);
  for (let i = 1; i < runs; i++) {
    const r = explore(build(), options);
    if (r.ms < best.ms) best = r;
  }
  return best;
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const rate = (states: number, ms: number) => (ms > 0 ? Math.round((states / ms) * 1000) : 0);

console.log(`${'scenario/variant'.padEnd(40)} ${pad('verdict', 11)} ${pad('states', 7)} ${pad('trans', 7)} ${pad('ms', 8)} ${pad('states/s', 9)} ${pad('plain st', 8)} ${pad('plain tr', 8)} ${pad('×states', 7)} ${pad('×trans', 7)}`);
let slowBefore = 0;
for (const s of scenarios) {
  for (const v of s.variants) {
    if (v.name === 'frlock-4-faults') continue; // the scaled case below
    const reduced = measure(v.build, {}, 5);
    const plain = measure(v.build, PLAIN, 1);
    const verdict = reduced.finding?.verdict ?? 'ok';
    if (v.kind === 'before' && verdict !== 'ok' && reduced.ms >= 100) slowBefore++;
    console.log(
      `${`${s.id}/${v.name}`.padEnd(40)} ${pad(verdict, 11)} ${pad(reduced.states, 7)} ${pad(reduced.transitions, 7)} ${pad(reduced.ms.toFixed(2), 8)} ${pad(rate(reduced.states, reduced.ms), 9)} ${pad(plain.states, 8)} ${pad(plain.transitions, 8)} ${pad((plain.states / reduced.states).toFixed(2), 7)} ${pad((plain.transitions / reduced.transitions).toFixed(2), 7)}`,
    );
  }
}
console.log(`\nbefore-patch violations found in under 100 ms: ${slowBefore === 0 ? 'all' : `${slowBefore} too slow`}`);

console.log('\nscaled: truncate-nopage, frlock, 4 identical fault threads vs 1 truncate (Spin: ~6.6 M states, 5–8 s)');
const scaled = () => truncateNopageModel('frlock', 4) as Model<unknown>;
const configs: [string, ExploreOptions][] = [
  ['symmetry + sleep sets (default)', {}],
  ['symmetry only', { sleepSets: false }],
  ['sleep sets only', { symmetry: false }],
  ['plain enumeration', PLAIN],
];
let plainStates = 0;
const rows = configs.map(([name, options]) => {
  const r = measure(scaled, options, name.startsWith('plain') || name.startsWith('sleep') ? 1 : 3);
  if (name.startsWith('plain')) plainStates = r.states;
  return { name, r };
});
for (const { name, r } of rows) {
  console.log(
    `  ${name.padEnd(32)} ${pad(r.finding?.verdict ?? 'ok', 9)} ${pad(r.states, 8)} states ${pad(r.transitions, 8)} transitions ${pad((r.ms / 1000).toFixed(2), 6)} s ${pad(rate(r.states, r.ms), 8)} states/s  ×${(plainStates / r.states).toFixed(1)} fewer states than plain`,
  );
}

// The race page: the scenario, every variant's verdict, the counterexample as swimlanes, and a
// replay of any schedule one step at a time (server-rendered: each step is a link).
import { html, type SafeHtml } from '../../history/html/escape.js';
import { swimlanesSvg } from '../../history/html/swimlanes.js';
import type { RunResult } from '../../sim/index.js';
import type { RaceView, ReplayView } from '../data/race.js';
import { page } from './layout.js';

function stepUrl(id: string, variant: string, schedule: string, step: number): string {
  return `/race/${encodeURIComponent(id)}?variant=${encodeURIComponent(variant)}&schedule=${encodeURIComponent(schedule)}&step=${step}`;
}

function runRow(id: string, run: RunResult): SafeHtml {
  const surprising = run.verdict !== run.expected;
  return html`<tr><td><code>${run.variant}</code></td><td>${run.kind}</td>
    <td class="verdict-${run.verdict}">${run.verdict}${run.invariant ? html` <span class="note">(${run.invariant})</span>` : ''}</td>
    <td>${run.expected}${surprising ? html` <strong class="verdict-violation">unexpected</strong>` : ''}</td>
    <td>${run.states}</td>
    <td>${run.trace.length ? html`<a class="replay" href="${stepUrl(id, run.variant, run.schedule, 0)}">step through (${run.trace.length} steps)</a>` : '—'}</td></tr>`;
}

function replayHtml(id: string, view: ReplayView): SafeHtml {
  if ('error' in view.result) return html`<section id="replay"><h2>Replay</h2><p class="verdict-violation">${view.result.error}</p></section>`;
  const run = view.result;
  const last = run.trace.length;
  return html`<section id="replay"><h2>Replay of <code>${view.variant}</code>: step ${view.step} of ${last}</h2>
    <p class="note">schedule <code>${view.schedule}</code></p>
    <nav class="stepper">
      ${view.step > 0 ? html`<a class="prev" href="${stepUrl(id, view.variant, view.schedule, view.step - 1)}">← previous</a>` : html`<span class="note">← previous</span>`}
      ${view.step < last ? html`<a class="next" href="${stepUrl(id, view.variant, view.schedule, view.step + 1)}">next →</a>` : html`<span class="note">next →</span>`}
    </nav>
    <ol class="steps">${run.trace.map((s) => html`<li class="${s.n < view.step ? 'done' : s.n === view.step ? 'current' : 'todo'}"><strong>${s.threadName}</strong>: ${s.label}</li>`)}</ol>
    ${view.step === last ? html`<p class="outcome">Outcome: <span class="verdict-${run.verdict}">${run.verdict}</span>${run.invariantSays ? html` — ${run.invariantSays}` : ''}${run.detail ? html` <span class="note">(${run.detail})</span>` : ''}</p>
      ${run.state ? html`<pre>${run.state}</pre>` : ''}` : ''}
  </section>`;
}

export function racePage(view: RaceView, replay: ReplayView | null): string {
  const s = view.scenario;
  const shortest = view.runs.find((r) => r.verdict !== 'ok' && r.kind === 'before') ?? view.runs.find((r) => r.verdict !== 'ok');
  return page(s.title, html`<h1>${s.title}</h1>
    <p><code>${s.id}</code> · ${s.summary}</p>
    <p class="note">models ${s.functions.join(', ')}${s.locks.length ? html`; locks ${s.locks.join(', ')}` : ''}</p>
    <section><h2>Invariants</h2><ul>${s.invariants.map((i) => html`<li><code>${i.name}</code>: ${i.says}</li>`)}</ul></section>
    <section><h2>Variants</h2><table class="variants"><tr><th>variant</th><th>kind</th><th>verdict</th><th>expected</th><th>states</th><th>counterexample</th></tr>
      ${view.runs.map((r) => runRow(s.id, r))}</table>
      ${view.errors.map((e) => html`<p class="verdict-violation">${e}</p>`)}</section>
    ${shortest ? html`<section class="race"><h2>Shortest counterexample: <code>${shortest.variant}</code></h2>
      <figure class="swimlanes">${swimlanesSvg(shortest.trace.map((t) => ({ lane: t.threadName, label: t.label })), `${s.id}/${shortest.variant}`)}</figure></section>` : ''}
    ${replay ? replayHtml(s.id, replay) : ''}
    <section><h2>Replay any schedule</h2><form action="/race/${encodeURIComponent(s.id)}" method="get">
      <label>variant <select name="variant">${s.variants.map((v) => html`<option value="${v.name}">${v.name}</option>`)}</select></label>
      <label>schedule <input name="schedule" placeholder="thread numbers or names: 0.0.1.1.0"></label>
      <input type="hidden" name="step" value="0"><button type="submit">Replay</button></form></section>`);
}

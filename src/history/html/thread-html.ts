// One thread's section of the HTML view: tree, discussion lanes, proposal, patches, argument
// pairs, trailers, race (verdicts and the counterexample as swimlanes), outcome.
import { loreUrl, patchLabel, personName, shortDate, threadAnchor } from '../format.js';
import type { ArgumentVoice, HistoryThread, MessageCitation, RaceLink } from '../types.js';
import { html, type SafeHtml } from './escape.js';
import { swimlanesSvg } from './swimlanes.js';
import { entryRace } from '../entry-words.js';
import { threadTree } from './tree.js';

/** The discussion lanes stay readable: beyond this many messages the rest are counted. */
const MAX_DISCUSSION_STEPS = 40;

export function citeHtml(c: MessageCitation): SafeHtml {
  const url = loreUrl(c);
  return url
    ? html`<code>&lt;${c.messageId}&gt;</code> <a href="${url}">lore</a>`
    : html`<code>&lt;${c.messageId}&gt;</code> <span class="note">(synthetic id, not on lore)</span>`;
}

function paragraphs(text: string): SafeHtml[] {
  return text.split(/\n{2,}/).map((p) => html`<blockquote>${p.trim()}</blockquote>`);
}

function discussionLanes(thread: HistoryThread): SafeHtml | null {
  const dated = thread.messages
    .map((m, position) => ({ m, position }))
    .sort((a, b) => (a.m.date ?? '').localeCompare(b.m.date ?? '') || a.position - b.position);
  if (dated.length < 2) return null;
  const shown = dated.slice(0, MAX_DISCUSSION_STEPS);
  const caption = `Who wrote when, in date order${dated.length > shown.length ? ` (first ${shown.length} of ${dated.length})` : ''}`;
  return swimlanesSvg(shown.map(({ m }) => ({
    lane: personName(m.author),
    label: `${shortDate(m.date)} ${m.stub ? '(not archived)' : m.hasPatch ? 'patch' : 'reply'}`,
  })), caption);
}

function voice(label: string, v: ArgumentVoice): SafeHtml {
  return html`<p><strong>${label}</strong> — ${personName(v.author)}, ${shortDate(v.date)},
    ${v.message ? citeHtml(v.message) : html`<span class="note">message not archived</span>`}</p>${paragraphs(v.text)}`;
}

function raceHtml(race: RaceLink): SafeHtml {
  const verdicts = race.how === 'candidate' ? html`<p>${entryRace(race)}</p>` : race.verdicts.length === 0
    ? html`<p class="note">Not replayed yet: no verdict recorded.</p>`
    : html`<table class="verdicts"><tr><th>Variant</th><th>Verdict</th><th>Invariant</th><th>States</th><th>Schedule</th></tr>
      ${race.verdicts.map((v) => html`<tr><td>${v.variant}</td><td class="verdict-${v.verdict}">${v.verdict}</td>
        <td>${v.invariant ?? '—'}</td><td>${v.states ?? '—'}</td><td>${v.schedule ? html`<code>${v.schedule}</code>` : '—'}</td></tr>`)}</table>`;
  const ce = race.counterexample;
  return html`<div class="race"><p><strong>${race.title}</strong> — scenario <code>${race.scenario}</code>, link: ${race.how}
    ${race.score !== null ? ` (score ${race.score})` : ''}${race.patches.length > 0 ? html`; through ${race.patches.map((p) => citeHtml(p))}` : ''}</p>
    ${verdicts}
    ${ce && ce.steps.length > 0
      ? swimlanesSvg(ce.steps.map((s) => ({ lane: s.thread, label: s.label })),
        `Shortest counterexample, variant ${ce.variant}: ${ce.steps.length} steps`)
      : ''}</div>`;
}

export function threadHtml(thread: HistoryThread, index: number): SafeHtml {
  const p = thread.proposal;
  return html`<section class="thread" id="${threadAnchor(index)}">
  <h3>${index + 1}. ${thread.subject ?? '(no subject)'}</h3>
  <p class="note">${shortDate(thread.firstDate)} – ${shortDate(thread.lastDate ?? thread.firstDate)}.
    In this history because it ${thread.matchedBy.join('; ') || 'matched the subject'}.</p>
  <h4>The thread</h4>${threadTree(thread.messages)}
  ${discussionLanes(thread)}
  ${p && p.paragraphs.length > 0 ? html`<h4>The proposal</h4>
    <p>In ${personName(p.author)}'s words, ${shortDate(p.date)}, ${citeHtml(p.message)}${p.source === 'body' ? ' (from the message body)' : ''}:</p>
    ${p.paragraphs.map((para) => html`<blockquote>${para}</blockquote>`)}` : ''}
  ${thread.patches.length > 0 ? html`<h4>Patches</h4><table><tr><th>Patch</th><th>Message</th><th>Files</th><th>Functions</th><th>+/−</th></tr>
    ${thread.patches.map((pt) => html`<tr><td>${patchLabel(pt)}</td><td>${citeHtml(pt.message)}</td>
      <td>${pt.files.map((f) => `${f.path} (+${f.additions}/−${f.deletions})`).join(', ')}</td>
      <td>${pt.functions.map((fn) => html`<code>${fn}</code> `)}</td><td>+${pt.insertions}/−${pt.deletions}</td></tr>`)}</table>` : ''}
  ${thread.arguments.length > 0 ? html`<h4>The discussion</h4>
    ${thread.arguments.map((a) => html`<div class="pair">${voice('Point', a.point)}${voice('Reply', a.reply)}</div>`)}` : ''}
  ${thread.trailers.length > 0 ? html`<h4>Trailers</h4><table><tr><th>Trailer</th><th>Value</th><th>About</th><th>Where</th></tr>
    ${thread.trailers.map((t) => html`<tr><td>${t.name}</td><td>${t.value}</td><td>${t.patchSubject ?? '(the message)'}</td><td>${citeHtml(t.message)}</td></tr>`)}</table>` : ''}
  ${thread.races.length > 0 ? html`<h4>The race</h4>${thread.races.map(raceHtml)}` : ''}
  ${thread.outcome.length > 0 ? html`<h4>What became of it</h4><ul>${thread.outcome.map((o) => html`<li>${o.text}
    ${o.release || o.commit ? ` (${[o.release ? `release ${o.release}` : '', o.commit ? `commit ${o.commit}` : ''].filter(Boolean).join(', ')})` : ''}</li>`)}</ul>` : ''}
  ${thread.stubs.length > 0 ? html`<p class="note">${thread.stubs.length} message(s) known only from a thread overview or a reference are shown in the tree as “not archived”.</p>` : ''}
</section>`;
}

// One entry of the HTML view, with the same selection and cuts as the Markdown: why it is
// here, versions, the subject's hunks, people's words, the exchanges, reviews, reports, races.
import { CONCISE, FULL } from '../entry-section.js';
import { entryRace, versionsLine } from '../entry-words.js';
import { personName, shortDate } from '../format.js';
import type { ArgumentVoice, HistoryEntry, RaceLink } from '../types.js';
import { html, type SafeHtml } from './escape.js';
import { swimlanesSvg } from './swimlanes.js';
import { citeHtml } from './thread-html.js';

const clip = (text: string, max: number) => {
  const lines = text.trim().split('\n');
  return lines.length <= max ? lines.join('\n') : `${lines.slice(0, max).join('\n')}\n[… ${lines.length - max} more lines]`;
};

const clipTail = (text: string, max: number) => {
  const lines = text.trim().split('\n');
  return lines.length <= max ? lines.join('\n') : `[… ${lines.length - max} earlier lines]\n${lines.slice(-max).join('\n')}`;
};

function voice(label: string, v: ArgumentVoice, max: number, cut: (text: string, max: number) => string): SafeHtml {
  return html`<p><strong>${label}</strong> — ${personName(v.author)}, ${shortDate(v.date)},
    ${v.message ? citeHtml(v.message) : html`<span class="note">message not archived</span>`}</p><blockquote><pre>${cut(v.text, max)}</pre></blockquote>`;
}

function raceHtml(race: RaceLink): SafeHtml {
  const ce = race.how !== 'candidate' ? race.counterexample : null;
  return html`<div class="race"><p>${entryRace(race)}</p>${ce && ce.steps.length > 0
    ? swimlanesSvg(ce.steps.map((s) => ({ lane: s.thread, label: s.label })), `Shortest counterexample, variant ${ce.variant}: ${ce.steps.length} steps`)
    : ''}</div>`;
}

export function entryHtml(e: HistoryEntry, full: boolean): SafeHtml {
  const l = full ? FULL : CONCISE;
  const versions = versionsLine(e);
  const hunkText = e.hunks.map((h) => [`@@ ${h.path}${h.header ? `: ${h.header.trim()}` : ''} (+${h.additions}/−${h.deletions}) @@`,
    ...h.lines, ...(h.omitted > 0 ? [`[… ${h.omitted} line${h.omitted === 1 ? "" : "s"} of this hunk not shown]`] : [])].join('\n')).join('\n');
  return html`<section class="entry" id="entry-${e.rank}">
  <h3>${e.rank}. ${e.title}</h3>
  <p class="note">${shortDate(e.firstDate)} – ${shortDate(e.lastDate ?? e.firstDate)};
    ${e.proposer ? `proposed by ${personName(e.proposer)}` : 'no person proposed it'}.${versions ? ` Versions: ${versions}.` : ''}</p>
  <ul class="why">${e.why.map((w) => html`<li>${w}</li>`)}</ul>
  ${e.hunks.length > 0 ? html`<p>What the latest version does to it:</p><pre class="diff">${clip(hunkText, l.hunkLines)}</pre>` : ''}
  ${e.discussion.slice(0, l.excerpts).map((d) => html`<p>In ${personName(d.author)}'s words, ${shortDate(d.date)}, ${citeHtml(d.message)}:</p>
    <blockquote><pre>${clip(d.text, 6)}</pre></blockquote>`)}
  ${e.arguments.length > 0 ? html`<h4>The arguments about it${e.arguments.length > l.arguments ? ` (${l.arguments} of ${e.arguments.length})` : ''}</h4>
    ${e.arguments.slice(0, l.arguments).map((a) => html`<div class="pair">${voice('Point', a.point, l.pointLines, clipTail)}${voice('Reply', a.reply, l.replyLines, clip)}</div>`)}` : ''}
  ${e.reviews.length > 0 ? html`<p><strong>Trailers:</strong> ${e.reviews.map((t) => `${t.name} ${personName(t.person.name || t.person.email ? t.person : { name: t.value, email: null })}`).join('; ')}.</p>` : ''}
  ${e.reports.length > 0 ? html`<p><strong>Reports (${e.reports.length}, robots and build reports):</strong>
    ${e.reports.slice(0, l.reports).map((r) => html`${personName(r.author)} ${shortDate(r.date)} ${citeHtml(r.message)}; `)}</p>` : ''}
  ${e.races.map(raceHtml)}
  ${e.outcome.length > 0 ? html`<p><strong>What became of it:</strong> ${e.outcome.map((o) => `${o.text}${o.commit ? ` (commit ${o.commit})` : ''}`).join('; ')}.</p>` : ''}
</section>`;
}

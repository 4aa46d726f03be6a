// The message page: headers, the body with quotes folded, patches with what each hunk touches,
// the thread, the replies to this message's paragraphs, the series, and race links.
import { html, type SafeHtml } from '../../history/html/escape.js';
import type { BodyPart, HunkView, MessageView, RaceLinkView, SeriesView, ThreadEntry } from '../data/message.js';
import { href, page, person, shortDate } from './layout.js';

function bodyHtml(parts: BodyPart[]): SafeHtml {
  return html`${parts.map((part, i) => {
    if (part.kind === 'quote') {
      const lines = part.text.split('\n').length;
      const said = parts[i - 1]?.kind === 'attribution' ? parts[i - 1].text.trim() : '';
      return html`<details class="quote"><summary>quoted ${lines} line${lines === 1 ? '' : 's'}${said ? ` — ${said}` : ''}</summary><pre>${part.text}</pre></details>`;
    }
    if (part.kind === 'attribution') return html`<p class="note">${part.text}</p>`;
    // The diff is shown again under Patches, hunk by hunk with what each touches: folded here.
    if (part.kind === 'diff' && part.depth === 0) {
      const lines = part.text.split('\n').length;
      return html`<details class="diff"><summary>diff: ${lines} lines (under Patches, each hunk with what it touches)</summary><pre>${part.text}</pre></details>`;
    }
    return html`<pre class="part-${part.kind}">${part.text}</pre>`;
  })}`;
}

function hunkHtml(hunk: HunkView): SafeHtml {
  return html`<div class="hunk">
    <div class="touches">${hunk.symbols.length
      ? hunk.symbols.map((s) => html`<a class="symbol" href="${s.kind === 'file' ? href.file(s.name) : href.fn(s.name)}">${s.name}</a><span class="note">${s.kind}, ${s.change}</span> `)
      : html`<span class="note">touches no named symbol</span>`}</div>
    <pre>${hunk.lines.map((line) => html`<span class="${line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : 'ctx'}">${line}</span>\n`)}</pre>
  </div>`;
}

function threadHtml(entries: ThreadEntry[], current: string): SafeHtml {
  return html`<ul class="tree">${entries.map((e) => html`<li class="${e.stub ? 'stub' : ''}">${'\u2003'.repeat(Math.min(e.depth, 12))}${e.messageId === current
    ? html`<strong>${e.subject ?? '(no subject)'}</strong>`
    : html`<a href="${href.message(e.messageId)}">${e.subject ?? '(no subject)'}</a>`} <span class="who">${person(e.author)}</span> <span class="when">${shortDate(e.date)}</span></li>`)}</ul>`;
}

function seriesHtml(series: SeriesView): SafeHtml {
  return html`<section><h2>Series: ${series.title} (v${series.version}, ${series.partTotal} part${series.partTotal === 1 ? '' : 's'})</h2>
    ${series.missingParts.length ? html`<p class="verdict-violation">missing parts: ${series.missingParts.join(', ')}</p>` : html`<p class="note">every part is here</p>`}
    <ol class="parts">${series.parts.map((p) => html`<li value="${p.part}"><a href="${href.message(p.messageId)}">${p.subject ?? p.messageId}</a></li>`)}</ol>
    <p>Versions: ${series.versions.map((v) => {
      const target = v.coverMessageId ?? v.firstMessageId;
      const label = `v${v.version}${v.complete ? '' : ' (incomplete)'} ${shortDate(v.date)}`;
      return v.current ? html`<strong>${label}</strong> ` : target ? html`<a href="${href.message(target)}">${label}</a> ` : html`${label} `;
    })}</p></section>`;
}

function evidenceHtml(evidence: unknown): SafeHtml {
  if (!Array.isArray(evidence)) return evidence ? html`<pre class="evidence">${JSON.stringify(evidence, null, 1)}</pre>` : html``;
  return html`<ul class="evidence">${evidence.map((e: Record<string, unknown>) =>
    html`<li>${String(e.side ?? '')} in <code>${String(e.function ?? '')}</code>: <code>${String(e.line ?? '')}</code> → ${String(e.step ?? '')}</li>`)}</ul>`;
}

function racesHtml(races: RaceLinkView[]): SafeHtml {
  return html`<section><h2>Races</h2><ul>${races.map((r) => html`<li>patch ${r.patch}: <a href="${href.race(r.scenario)}">${r.scenario}</a>
    <span class="badge">${r.how}</span>${r.score !== null && r.how === 'candidate' ? html` <span class="note">score ${r.score.toFixed(2)}</span>` : ''}
    ${r.verdicts.length ? html`<span>${r.verdicts.map((v) => html` ${v.variant}: <span class="verdict-${v.verdict}">${v.verdict}</span>`)}</span>` : ''}
    ${evidenceHtml(r.evidence)}</li>`)}</ul></section>`;
}

export function messagePage(view: MessageView): string {
  const m = view.message;
  const body = html`
  <h1>${m.subject ?? '(no subject)'}</h1>
  <dl class="headers">
    <dt>From</dt><dd>${person(m.author, m.email)}${m.email ? html` &lt;${m.email}&gt;` : ''}</dd>
    <dt>Date</dt><dd>${m.date ?? '(unknown)'}</dd>
    <dt>Message-ID</dt><dd><code>&lt;${m.messageId}&gt;</code>${m.syntheticId ? ' (made by lorelab: the archive showed none)' : ''}</dd>
    ${m.inReplyTo ? html`<dt>In-Reply-To</dt><dd><a href="${href.message(m.inReplyTo)}">&lt;${m.inReplyTo}&gt;</a></dd>` : ''}
    <dt>Links</dt><dd><a href="${href.raw(m.messageId)}">raw</a> · <a href="${view.loreUrl}">lore</a>${m.thread ? html` · <a href="${href.thread(m.messageId)}">thread</a>` : ''}</dd>
  </dl>
  ${m.stub ? html`<p class="note">Known only from a thread overview or a reference: the archive has no copy.</p>` : bodyHtml(view.bodyParts)}
  ${m.quotes.length ? html`<section><h2>Whom this message quotes</h2><ul>${m.quotes.map((q) => html`<li>${q.author ?? 'unattributed'}${q.quotedMessageId ? html` in <a href="${href.message(q.quotedMessageId)}">&lt;${q.quotedMessageId}&gt;</a>` : ''}: <q>${clip(q.quotedText)}</q></li>`)}</ul></section>` : ''}
  ${view.patchViews.length ? html`<section><h2>Patches</h2>${view.patchViews.map((p) => html`<h3>Patch ${p.ordinal}</h3>
    ${p.files.map((f) => html`<h4><a href="${href.file(f.path)}">${f.path}</a> <span class="note">${f.status}, <span class="add">+${f.additions}</span> <span class="del">-${f.deletions}</span></span></h4>${f.hunks.map(hunkHtml)}`)}`)}</section>` : ''}
  ${view.paragraphReplies.length ? html`<section><h2>Replies to its paragraphs</h2>${view.paragraphReplies.map((r) => html`<div class="pair">
    <blockquote>${clip(r.quotedText, 400)}</blockquote>
    <p><a href="${href.message(r.messageId)}">${person(r.author)}</a> <span class="when">${shortDate(r.date)}</span></p>
    ${r.replyText ? html`<pre>${clip(r.replyText, 800)}</pre>` : html`<p class="note">(no answer beneath the quote)</p>`}</div>`)}</section>` : ''}
  ${view.series ? seriesHtml(view.series) : ''}
  ${view.races.length ? racesHtml(view.races) : ''}
  <section><h2>Thread</h2>${threadHtml(view.thread, m.messageId)}</section>`;
  return page(m.subject ?? m.messageId, body);
}

export function clip(text: string, chars = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= chars ? flat : `${flat.slice(0, chars - 1)}…`;
}

export function threadPage(entries: ThreadEntry[], messageId: string): string {
  const root = entries[0];
  return page(root?.subject ?? 'thread', html`<h1>Thread: ${root?.subject ?? '(no subject)'}</h1>
    <p class="note">${entries.length} message${entries.length === 1 ? '' : 's'}</p>${threadHtml(entries, messageId)}`);
}

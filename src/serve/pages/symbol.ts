// The function (struct, macro) page and the file page: patches over time, discussions, races.
import { html, type SafeHtml } from '../../history/html/escape.js';
import type { FileView, SymbolView, TouchingPatch } from '../data/symbol.js';
import { href, page, person, shortDate } from './layout.js';

function patchTable(patches: TouchingPatch[]): SafeHtml {
  if (patches.length === 0) return html`<p class="note">No posted patch touches it.</p>`;
  return html`<table class="patches"><tr><th>date</th><th>patch</th><th>author</th><th>hunks</th><th>change</th></tr>
    ${patches.map((p) => html`<tr><td class="when">${shortDate(p.date)}</td><td><a href="${href.message(p.messageId)}">${p.subject ?? p.messageId}</a>${p.patch > 1 ? html` <span class="note">(diff ${p.patch})</span>` : ''}</td>
      <td>${person(p.author)}</td><td>${p.hunks}</td><td>${p.changes.join(', ')}</td></tr>`)}</table>`;
}

export function symbolPage(view: SymbolView): string {
  return page(view.name, html`<h1><code>${view.name}</code> <span class="note">${view.kinds.join(', ')}</span></h1>
    <p><a href="${href.history(view.name)}">Design history of ${view.name}</a> · <a href="${href.search(`fn:${view.name}`)}">search patches</a></p>
    <section><h2>Races</h2>${view.races.length
      ? html`<ul>${view.races.map((r) => html`<li><a href="${href.race(r.scenario)}">${r.scenario}</a>: ${r.title} <span class="note">(${r.why})</span></li>`)}</ul>`
      : html`<p class="note">No race scenario models it.</p>`}</section>
    <section><h2>Patches touching it (${view.patches.length})</h2>${patchTable(view.patches)}</section>
    <section><h2>Discussed in (${view.discussions.length})</h2>${view.discussions.length
      ? html`<ul>${view.discussions.map((d) => html`<li><span class="when">${shortDate(d.date)}</span> <a href="${href.message(d.messageId)}">${d.subject ?? d.messageId}</a> <span class="who">${person(d.author)}</span> <span class="note">${d.places.join(', ')}</span></li>`)}</ul>`
      : html`<p class="note">Nobody names it in prose.</p>`}</section>`);
}

export function filePage(view: FileView): string {
  return page(view.path, html`<h1><code>${view.path}</code>${view.directory ? html` <span class="note">directory, ${view.files.length} file${view.files.length === 1 ? '' : 's'}</span>` : ''}</h1>
    <p><a href="${href.history(view.path)}">Design history of ${view.path}</a></p>
    ${view.directory ? html`<section><h2>Files</h2><ul>${view.files.map((f) => html`<li><a href="${href.file(f)}">${f}</a></li>`)}</ul></section>` : ''}
    <section><h2>Functions touched</h2>${view.functions.length
      ? html`<ul>${view.functions.map((f) => html`<li><a href="${href.fn(f.name)}">${f.name}</a> <span class="note">${f.kind}, ${f.patches} patch${f.patches === 1 ? '' : 'es'}</span></li>`)}</ul>`
      : html`<p class="note">No named symbol.</p>`}</section>
    <section><h2>Patches (${view.patches.length})</h2>${patchTable(view.patches)}</section>`);
}

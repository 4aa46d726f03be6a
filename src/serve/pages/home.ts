// The home page, the search results and the "not found" page.
import { html } from '../../history/html/escape.js';
import type { SearchHit } from '../../query/search.js';
import type { HomeView } from '../data/home.js';
import { href, page, person, shortDate } from './layout.js';

export function homePage(view: HomeView): string {
  const s = view.summary;
  return page('home', html`<h1>lorelab explorer</h1>
    <p>${s.fullMessages} messages (${s.stubs} known only by reference) in ${s.threads} threads; ${s.patches} patches touching ${s.functions} functions.</p>
    <section><h2>Latest threads</h2><ul>${view.recentThreads.map((t) => html`<li><span class="when">${shortDate(t.lastDate)}</span> <a href="${href.thread(t.rootMessageId)}">${t.subject ?? t.rootMessageId}</a> <span class="note">${t.messages} messages${t.patches ? `, ${t.patches} patches` : ''}</span></li>`)}</ul></section>
    <section><h2>Most patched functions <span class="note">(hunks)</span></h2><ul>${view.topFunctions.map((f) => html`<li><a href="${href.fn(f.name)}">${f.name}</a> <span class="note">${f.hunks}</span></li>`)}</ul></section>
    <section><h2>Races</h2><ul>${view.races.map((r) => html`<li><a href="${href.race(r.id)}">${r.id}</a>: ${r.title} <span class="note">${r.variants} variants</span></li>`)}</ul></section>`);
}

export function searchPage(query: string, hits: SearchHit[], error: string | null): string {
  return page(`search: ${query}`, html`<h1>Search</h1>
    ${error ? html`<p class="verdict-violation">${error}</p>` : html`<p class="note">${hits.length} result${hits.length === 1 ? '' : 's'} for <code>${query}</code></p>`}
    <ol class="results">${hits.map((h) => html`<li><a href="${href.message(h.messageId)}">${h.subject ?? h.messageId}</a> <span class="who">${person(h.author)}</span> <span class="when">${shortDate(h.date)}</span>
      ${h.snippet ? html`<div class="note snippet">${h.snippet}</div>` : ''}</li>`)}</ol>
    <p class="note">Prefixes: <code>s:</code> subject, <code>f:</code> author, <code>d:2020-01-01..2020-12-31</code> dates, <code>dfn:</code> a touched path, <code>fn:</code> a touched function.</p>`, { query });
}

export interface Suggestion {
  label: string;
  url: string;
}

export function notFoundPage(what: string, suggestions: Suggestion[]): string {
  return page('not found', html`<h1>Not found</h1><p>${what}</p>
    ${suggestions.length ? html`<p>Nearest names:</p><ul class="suggest">${suggestions.map((s) => html`<li><a href="${s.url}">${s.label}</a></li>`)}</ul>` : ''}`);
}

export function errorPage(message: string): string {
  return page('error', html`<h1>Something went wrong</h1><p>${message}</p>`);
}

// The frame every explorer page shares: head, the search box, navigation. No script anywhere:
// the server's Content-Security-Policy forbids it, and no page needs one.
import { html, type HtmlPart, type SafeHtml } from '../../history/html/escape.js';

export const href = {
  message: (id: string) => `/m/${encodeURIComponent(id)}`,
  thread: (id: string) => `/t/${encodeURIComponent(id)}`,
  raw: (id: string) => `/raw/${encodeURIComponent(id)}`,
  fn: (name: string) => `/fn/${encodeURIComponent(name)}`,
  file: (path: string) => `/file/${path.split('/').map(encodeURIComponent).join('/')}`,
  race: (id: string) => `/race/${encodeURIComponent(id)}`,
  history: (subject: string) => `/history/${encodeURIComponent(subject)}`,
  search: (q: string) => `/search?q=${encodeURIComponent(q)}`,
};

export function page(title: string, body: HtmlPart, options: { query?: string } = {}): string {
  const doc: SafeHtml = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · lorelab</title>
<link rel="stylesheet" href="/static/style.css">
</head><body>
<header class="top">
  <a class="home" href="/">lorelab</a>
  <form class="search" action="/search" method="get" role="search">
    <input type="search" name="q" value="${options.query ?? ''}" placeholder="words, s:subject f:author fn:function dfn:path d:2020-01-01..">
    <button type="submit">Search</button>
  </form>
</header>
<main>${body}</main>
</body></html>`;
  return doc.value;
}

export function shortDate(date: string | null): string {
  return date ? date.slice(0, 10) : '—';
}

export function person(name: string | null, email?: string | null): string {
  return name ?? email ?? '(unknown)';
}

// Every URL the explorer answers, as a pure-ish function from a request to a response over an
// open read-only database. `/api/<page>/…` gives the same data as `/<page>/…`, as JSON.
import type { DB } from '../store/open.js';
import { QueryError } from '../query/named.js';
import { search } from '../query/search.js';
import { copiesOf } from '../query/copies.js';
import { readRaw } from '../sources/index.js';
import { loadHistoryInput } from '../history/load/load.js';
import { renderHistoryHtml } from '../history/html/render.js';
import { editDistance, nearestNames } from '../history/load/nearest.js';
import { createReader } from '../history/load/sql.js';
import { loadMessage } from './data/message.js';
import { loadFile, loadSymbol } from './data/symbol.js';
import { loadRace, loadReplay, raceIds } from './data/race.js';
import { listScenarios } from '../sim/index.js';
import { loadHomeCached } from './data/home.js';
import { messagePage, threadPage } from './pages/message.js';
import { filePage, symbolPage } from './pages/symbol.js';
import { racePage } from './pages/race.js';
import { homePage, notFoundPage, searchPage, type Suggestion } from './pages/home.js';
import { href } from './pages/layout.js';
import { EXPLORER_CSS } from './pages/style.js';

export interface Reply {
  status: number;
  type: 'html' | 'json' | 'css' | 'text';
  body: string | Buffer;
  /** The history page carries its own inline stylesheet; every other page links ours. */
  inlineStyle?: boolean;
}

const ok = (type: Reply['type'], body: string | Buffer): Reply => ({ status: 200, type, body });
const json = (value: unknown, status = 200): Reply => ({ status, type: 'json', body: JSON.stringify(value, null, 1) });

function notFound(api: boolean, what: string, suggestions: Suggestion[]): Reply {
  return api
    ? json({ error: what, suggestions }, 404)
    : { status: 404, type: 'html', body: notFoundPage(what, suggestions) };
}

function nearestSymbols(db: DB, name: string): Suggestion[] {
  const near = nearestNames(createReader(db), name);
  return [
    ...near.functions.map((f) => ({ label: f, url: href.fn(f) })),
    ...near.files.map((f) => ({ label: f, url: href.file(f) })),
  ];
}

/** Message-IDs sharing the first characters, closest by edit distance first. */
function similarMessages(db: DB, id: string): Suggestion[] {
  const prefix = id.slice(0, 6);
  const rows = db.prepare('SELECT message_id FROM messages WHERE message_id >= ? AND message_id < ? LIMIT 500')
    .all(prefix, `${prefix}\uffff`) as Array<{ message_id: string }>;
  return rows.map((r) => r.message_id)
    .sort((a, b) => editDistance(id, a) - editDistance(id, b) || a.localeCompare(b))
    .slice(0, 5)
    .map((m) => ({ label: m, url: href.message(m) }));
}

function messageExists(db: DB, id: string): boolean {
  return Boolean(db.prepare('SELECT 1 FROM messages WHERE message_id = ?').get(id));
}

/** Splits '/api/fn/x' into { api: true, page: 'fn', rest: 'x' }; the rest is percent-decoded. */
export function parsePath(pathname: string): { api: boolean; page: string; rest: string } | null {
  let path = pathname;
  const api = path.startsWith('/api/') || path === '/api';
  if (api) path = path.slice(4) || '/';
  const match = /^\/([a-z]*)\/?(.*)$/.exec(path);
  if (!match) return null;
  try {
    return { api, page: match[1], rest: decodeURIComponent(match[2]) };
  } catch {
    return null;
  }
}

export async function route(db: DB, url: URL): Promise<Reply> {
  if (url.pathname === '/static/style.css') return ok('css', EXPLORER_CSS);
  if (url.pathname === '/favicon.ico') return { status: 204, type: 'text', body: '' };
  const parsed = parsePath(url.pathname);
  if (!parsed) return notFound(false, `no page at ${url.pathname}`, []);
  const { api, page, rest } = parsed;
  const id = rest.replace(/^<|>$/g, '');
  switch (page) {
    case '': {
      const home = loadHomeCached(db);
      return api ? json(home) : ok('html', homePage(home));
    }
    case 'search': {
      const q = url.searchParams.get('q') ?? '';
      if (!q.trim()) return api ? json({ error: 'give q=…' }, 400) : ok('html', searchPage('', [], null));
      try {
        const hits = search(db, q, 50);
        return api ? json({ query: q, hits }) : ok('html', searchPage(q, hits, null));
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
        return api ? json({ error: error.message }, 400) : { status: 400, type: 'html', body: searchPage(q, [], error.message) };
      }
    }
    case 'm':
    case 't': {
      if (!messageExists(db, id)) return notFound(api, `no message with Message-ID <${id}>`, similarMessages(db, id));
      const view = loadMessage(db, id);
      if (page === 't') return api ? json(view.thread) : ok('html', threadPage(view.thread, id));
      return api ? json(view) : ok('html', messagePage(view));
    }
    case 'raw': {
      const copies = messageExists(db, id) ? copiesOf(db, id) : [];
      if (copies.length === 0) return notFound(false, `no stored copy of <${id}>`, similarMessages(db, id));
      try {
        return ok('text', Buffer.from(await readRaw(copies[0])));
      } catch (error) {
        return { status: 410, type: 'text', body: `the source of <${id}> cannot be read any more: ${(error as Error).message}\n` };
      }
    }
    case 'fn': {
      const view = loadSymbol(db, rest, listScenarios());
      if (!view) return notFound(api, `nothing touches or names ${rest}`, nearestSymbols(db, rest));
      return api ? json(view) : ok('html', symbolPage(view));
    }
    case 'file': {
      const view = loadFile(db, rest);
      if (!view) return notFound(api, `no patch touches ${rest}`, nearestSymbols(db, rest));
      return api ? json(view) : ok('html', filePage(view));
    }
    case 'race': {
      const view = loadRace(rest);
      if (!view) {
        const near = raceIds().sort((a, b) => editDistance(rest, a) - editDistance(rest, b));
        return notFound(api, `no race scenario ${rest}`, near.map((r) => ({ label: r, url: href.race(r) })));
      }
      const variant = url.searchParams.get('variant');
      const replay = variant !== null ? loadReplay(rest, variant, url.searchParams.get('schedule') ?? '', Number(url.searchParams.get('step') ?? 0)) : null;
      return api ? json({ ...view, replay }) : ok('html', racePage(view, replay));
    }
    case 'history': {
      const loaded = loadHistoryInput(db, rest);
      if (!loaded.ok) {
        const suggestions = loaded.error.kind === 'no-match'
          ? [...loaded.error.nearest.functions.map((f) => ({ label: f, url: href.history(f) })), ...loaded.error.nearest.files.map((f) => ({ label: f, url: href.history(f) }))]
          : [];
        return notFound(api, loaded.error.message, suggestions);
      }
      return api ? json(loaded.input) : { status: 200, type: 'html', body: renderHistoryHtml(loaded.input), inlineStyle: true };
    }
    default:
      return notFound(api, `no page at ${url.pathname}`, [
        { label: 'home', url: '/' }, { label: 'search', url: '/search?q=' },
      ]);
  }
}

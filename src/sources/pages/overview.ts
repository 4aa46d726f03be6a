// public-inbox's "Thread overview" as plain text: one line per message, the tree drawn by
// indentation. Each entry becomes a stub (who, when, subject when shown, parent by depth).
//
//   2018-12-04  0:17 [PATCH 0/2] put_user_page*(): start converting … john.hubbard   depth 0
//   2018-12-04  0:17 ` [PATCH 1/2] mm: introduce put_user_page*() … john.hubbard     depth 1
//   2018-12-04  7:53   ` Mike Rapoport                                              depth 2
//        [not found] ` <4794a3fa…@lca.pw>                                           a missing parent
//   2018-12-12 15:03     ` Jerome Glisse [this message]
//
// The subject is printed only where it differs from the parent's, glued to the author's name;
// names seen alone on other lines tell where one ends and the other starts.
import { overviewDate, pageMessageId } from './ids.js';

export interface OverviewEntry {
  messageId: string;
  /** true: an id made up by lorelab; false: the page showed the real Message-ID. */
  synthetic: boolean;
  date: string | null;
  authorName: string | null;
  /** Only when the overview prints one (it omits subjects equal to the parent's). */
  subject: string | null;
  depth: number;
  parentMessageId: string | null;
  /** 'this' marks the page's own message; 'not-found' a message the archive does not have. */
  marker: 'this' | 'not-found' | null;
  /** Line number in the page, for error messages and locators. */
  line: number;
}

const ENTRY = /^(\d{4}-\d{2}-\d{2}) +(\d{1,2}:\d{2}) (.*)$/;
const NOT_FOUND = /^( +\[not found\] )(.*)$/;
/** Column of the first character after "YYYY-MM-DD HH:MM " — where a depth-0 entry starts. */
const ROOT_COLUMN = 17;

interface RawEntry {
  date: string | null;
  content: string;
  depth: number;
  notFound: boolean;
  line: number;
}

/**
 * Parses overview lines (only the entries, without the "Thread overview:" heading).
 * `thisMessageId` names the page's own message; `thisParentId` its In-Reply-To, which is
 * the real id of the entry above it in the tree.
 */
export function parseOverview(
  lines: string[],
  firstLineNumber: number,
  context: { pageKey: string; thisMessageId?: string | null; thisParentId?: string | null },
): OverviewEntry[] {
  const raw: RawEntry[] = [];
  lines.forEach((text, index) => {
    const line = firstLineNumber + index;
    const entry = ENTRY.exec(text);
    if (entry) {
      const [, day = '', time = '', rest = ''] = entry;
      const { depth, content } = splitDepth(rest, text.length - rest.length);
      raw.push({ date: overviewDate(day, time), content, depth, notFound: false, line });
      return;
    }
    const missing = NOT_FOUND.exec(text);
    if (missing) {
      const [, lead = '', rest = ''] = missing;
      const { depth, content } = splitDepth(rest, lead.length);
      raw.push({ date: null, content, depth, notFound: true, line });
    }
  });

  const knownNames = collectNames(raw);
  const entries: OverviewEntry[] = [];
  const stack: OverviewEntry[] = [];
  const seen = new Map<string, number>();
  for (const item of raw) {
    let content = item.content;
    let marker: OverviewEntry['marker'] = item.notFound ? 'not-found' : null;
    if (content.endsWith('[this message]')) {
      marker = 'this';
      content = content.slice(0, -'[this message]'.length).trim();
    }
    stack.length = Math.min(stack.length, item.depth);
    const parent = stack[item.depth - 1] ?? null;

    let messageId: string;
    let synthetic = false;
    let authorName: string | null = null;
    let subject: string | null = null;
    if (item.notFound) {
      messageId = /<([^<>\s]+)>/.exec(content)?.[1] ?? pageMessageId('not-found', context.pageKey, item.line);
      synthetic = !/<([^<>\s]+)>/.test(content);
    } else {
      ({ authorName, subject } = splitSubjectAndAuthor(content, knownNames));
      if (marker === 'this' && context.thisMessageId) {
        messageId = context.thisMessageId;
      } else {
        const key = `${item.date}|${authorName}`;
        const occurrence = (seen.get(key) ?? 0) + 1;
        seen.set(key, occurrence);
        messageId = pageMessageId('overview', context.pageKey, item.date, authorName, occurrence);
        synthetic = true;
      }
    }
    const entry: OverviewEntry = {
      messageId,
      synthetic,
      date: item.date,
      authorName,
      subject,
      depth: item.depth,
      parentMessageId: parent?.messageId ?? null,
      marker,
      line: item.line,
    };
    entries.push(entry);
    stack[item.depth] = entry;
  }

  // The page's own message names its parent in In-Reply-To: that entry's real id is known.
  const self = entries.find((e) => e.marker === 'this');
  if (self && context.thisParentId && self.parentMessageId) {
    const parent = entries.find((e) => e.messageId === self.parentMessageId);
    if (parent && parent.synthetic) renameEntry(entries, parent.messageId, context.thisParentId);
  }
  return entries;
}

/** `rest` is the line from column `restColumn` on; the backtick's column gives the depth. */
function splitDepth(rest: string, restColumn: number): { depth: number; content: string } {
  const tick = /^( *)` /.exec(rest);
  if (!tick) return { depth: 0, content: rest.trim() };
  const tickColumn = restColumn + (tick[1] ?? '').length;
  return { depth: Math.max(1, Math.floor((tickColumn - ROOT_COLUMN) / 2) + 1), content: rest.slice(tick[0].length).trim() };
}

/** Names printed alone on a line ("Linus Torvalds") are authors; they split the other lines. */
function collectNames(raw: RawEntry[]): Set<string> {
  const names = new Set<string>();
  for (const item of raw) {
    if (item.notFound) continue;
    const content = item.content.replace(/\[this message\]$/, '').trim();
    if (looksLikeName(content)) names.add(content);
  }
  return names;
}

function looksLikeName(text: string): boolean {
  const words = text.split(/\s+/);
  if (words.length === 0 || words.length > 4) return false;
  if (/^(re|fwd|aw):/i.test(text) || text.startsWith('[')) return false;
  return words.every((w) => /^[\p{Lu}][\p{L}'.-]*$/u.test(w) || /^[\p{L}]\.$/u.test(w) || /^[a-z0-9._-]+$/.test(w) && words.length === 1);
}

export function splitSubjectAndAuthor(content: string, knownNames: Set<string>): { subject: string | null; authorName: string | null } {
  if (content.length === 0) return { subject: null, authorName: null };
  if (knownNames.has(content)) return { subject: null, authorName: content };
  let best: string | null = null;
  for (const name of knownNames) {
    if (content.endsWith(` ${name}`) && (!best || name.length > best.length)) best = name;
  }
  if (best) return { subject: content.slice(0, -best.length - 1).trim(), authorName: best };
  // No name seen alone: a login-like last word ("john.hubbard"), else the last two words.
  const words = content.split(/\s+/);
  const last = words[words.length - 1] ?? '';
  const take = /[.@_]|^[a-z0-9-]+$/.test(last) || words.length < 3 ? 1 : 2;
  return {
    subject: words.slice(0, -take).join(' ') || null,
    authorName: words.slice(-take).join(' '),
  };
}

function renameEntry(entries: OverviewEntry[], from: string, to: string): void {
  for (const entry of entries) {
    if (entry.messageId === from) {
      entry.messageId = to;
      entry.synthetic = false;
    }
    if (entry.parentMessageId === from) entry.parentMessageId = to;
  }
}

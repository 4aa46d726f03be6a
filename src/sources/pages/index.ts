// Saved archive pages: which kind a page is, and its messages and overview stubs.
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { SourceItem } from '../types.js';
import { isHypermailPage, readHypermailPage } from './hypermail.js';
import { isListArchivePage, readListArchivePage } from './list-archive.js';
import { pageContext } from './page-context.js';
import { isPublicInboxPage, readPublicInboxPage } from './public-inbox.js';

export type PageKind = 'public-inbox' | 'hypermail' | 'list-archive';

export function detectPageKind(text: string): PageKind | null {
  const lines = text.split('\n', 8);
  if (isPublicInboxPage(lines)) return 'public-inbox';
  if (isHypermailPage(lines)) return 'hypermail';
  if (isListArchivePage(text.split('\n', 40))) return 'list-archive';
  return null;
}

export function readPageText(path: string, text: string): SourceItem[] {
  const page = pageContext(path, basename(path));
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  switch (detectPageKind(text)) {
    case 'public-inbox':
      return readPublicInboxPage(lines, page);
    case 'hypermail':
      return readHypermailPage(lines, page);
    case 'list-archive':
      return readListArchivePage(lines, page);
    default:
      return [
        page.error(
          'not a recognised archive page: expected a public-inbox page ("… archive mirror" / "help / color / mirror / Atom feed"), ' +
            'a hypermail page (subject, blank line, "Name (address)", date) or a list-archive page ("[Date Prev][Date Next]…")',
        ),
      ];
  }
}

export function readPage(path: string): SourceItem[] {
  const absolute = resolve(path);
  return readPageText(absolute, readFileSync(absolute, 'utf8'));
}

// The thread as a tree of nested lists, built from each message's parent; messages whose
// parent is not in the thread hang from the top so nothing is lost.
import { loreUrl, personName, shortDate } from '../format.js';
import type { HistoryMessage } from '../types.js';
import { html, type SafeHtml } from './escape.js';

function node(m: HistoryMessage, children: Map<string, HistoryMessage[]>, seen: Set<string>): SafeHtml {
  seen.add(m.messageId);
  const url = loreUrl(m);
  // A parent loop must not recurse forever: a message already drawn is not drawn again.
  const kids = (children.get(m.messageId) ?? []).filter((k) => !seen.has(k.messageId));
  const id = url
    ? html`<a href="${url}"><code>&lt;${m.messageId}&gt;</code></a>`
    : html`<code>&lt;${m.messageId}&gt;</code> <span class="note">(synthetic id, not on lore)</span>`;
  return html`<li class="${m.stub ? 'stub' : 'archived'}">
    <span class="when">${shortDate(m.date)}</span> <span class="who">${personName(m.author)}</span>
    ${m.hasPatch ? html`<span class="badge">patch</span>` : ''}${m.stub ? html`<span class="badge stub-badge">not archived</span>` : ''}
    <span class="subject">${m.subject ?? '(no subject)'}</span> ${id}
    ${kids.length > 0 ? html`<ul>${kids.map((k) => node(k, children, seen))}</ul>` : ''}</li>`;
}

export function threadTree(messages: HistoryMessage[]): SafeHtml {
  const ids = new Set(messages.map((m) => m.messageId));
  const children = new Map<string, HistoryMessage[]>();
  const roots: HistoryMessage[] = [];
  for (const m of messages) {
    if (m.parentMessageId && ids.has(m.parentMessageId) && m.parentMessageId !== m.messageId) {
      const list = children.get(m.parentMessageId) ?? [];
      list.push(m);
      children.set(m.parentMessageId, list);
    } else {
      roots.push(m);
    }
  }
  const seen = new Set<string>();
  const drawn = roots.map((r) => node(r, children, seen));
  // Messages caught in a parent loop are reachable from no root: draw them at the top.
  for (const m of messages) if (!seen.has(m.messageId)) drawn.push(node(m, children, seen));
  return html`<ul class="tree">${drawn}</ul>`;
}

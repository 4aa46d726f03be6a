// How a message is cited in Markdown: its Message-ID as code, then its lore link; synthetic
// ids (made by lorelab for mail without one, ending in `.invalid`) say that they have none.
import type { PhrasingContent } from 'mdast';
import { loreUrl } from './format.js';
import { code, link, text } from './mdast.js';
import type { MessageCitation } from './types.js';

export function citeMessage(citation: MessageCitation): PhrasingContent[] {
  const url = loreUrl(citation);
  if (url === null) return [code(`<${citation.messageId}>`), text(' (synthetic id, not on lore)')];
  return [code(`<${citation.messageId}>`), text(' '), link(url, 'lore')];
}

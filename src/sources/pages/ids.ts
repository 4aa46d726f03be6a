// Stable synthetic Message-IDs for messages a page shows without one (overview entries,
// messages of flat thread pages, pages that carry no headers). Same page, same ids.
import { createHash } from 'node:crypto';

export function pageMessageId(...parts: Array<string | number | null>): string {
  const digest = createHash('sha1').update(parts.map((p) => String(p ?? '')).join('\u0000')).digest('hex');
  return `lorelab.${digest.slice(0, 20)}@page.invalid`;
}

/** '2002-09-26 11:30' (UTC, as public-inbox prints it) → '2002-09-26T11:30:00Z'. */
export function overviewDate(day: string, time: string): string {
  const [hour = '0', minute = '0'] = time.trim().split(':');
  return `${day}T${hour.padStart(2, '0')}:${minute.padStart(2, '0')}:00Z`;
}

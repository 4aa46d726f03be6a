// Parameters as users type them, made into what the named queries match: `do_no_page()` and
// `->nopage` are the symbol nopage/do_no_page, `mm/` and `drivers/staging/` are every file
// beneath them, `a/mm/memory.c` (pasted from a diff) is mm/memory.c, and a Message-ID may come
// in <>, as id:… or as a lore URL. `%` stays a wildcard; `_` is literal (escaped for LIKE).
import { messageIdFromArgument } from '../util/message-id.js';

/** A symbol for `LIKE … ESCAPE '\'`: call parentheses, `->`/`.` and struct/union/enum dropped. */
export function symbolPattern(given: string): string {
  return escapeUnderscore(bareSymbol(given));
}

/** The symbol itself (for exact comparison): `do_no_page()` → do_no_page, `->nopage` → nopage. */
export function bareSymbol(given: string): string {
  return given
    .trim()
    .replace(/^(?:struct|union|enum)\s+/, '')
    .replace(/^(?:->|\.|&|\*+)/, '')
    .replace(/\s*\([^()]*\)\s*$/, '')
    .trim();
}

/** A path for `LIKE … ESCAPE '\'`: a directory (trailing "/") matches the files beneath it. */
export function pathPattern(given: string): string {
  let path = given.trim().replace(/^\.\//, '').replace(/^[ab]\//, '');
  if (path.endsWith('/')) path = `${path.replace(/\/+$/, '')}/%`;
  return escapeUnderscore(path);
}

/** `_` is a LIKE wildcard users never mean in a kernel name; a `\_` they wrote stays as it is. */
function escapeUnderscore(text: string): string {
  return text.replace(/(\\.)|_/g, (match, escaped: string | undefined) => escaped ?? '\\_');
}

/** What a named query's parameter is, by its name. */
const KINDS: Record<string, (value: string) => string> = {
  fn: symbolPattern,
  file: pathPattern,
  message_id: messageIdFromArgument,
  thread: messageIdFromArgument,
};

/** The value bound for parameter `name`: normalised when its name says what it is. */
export function normalizeParam(name: string, value: string): string {
  const normalize = KINDS[name];
  return normalize ? normalize(value) : value;
}

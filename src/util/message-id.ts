// A Message-ID as users paste it: bare, in angle brackets, with "id:" (notmuch, lei), or as a
// lore URL (https://lore.kernel.org/<list>/<id>/, …/r/<id>, …/all/<id>/T/#u, percent-encoded).

/** The bare Message-ID of what a user typed, or the input trimmed when it is none of the above. */
export function messageIdFromArgument(given: string): string {
  let text = given.trim();
  const url = lorePathOf(text);
  if (url !== null) text = url;
  text = text.replace(/^id:/, '').replace(/^mid:/, '');
  return text.replace(/^<|>$/g, '').trim();
}

/** The Message-ID segment of a public-inbox URL, or null when `text` is not an http(s) URL. */
function lorePathOf(text: string): string | null {
  if (!/^https?:\/\//i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  // public-inbox: /<inbox>/<msgid>/[T/|t/|raw|t.mbox.gz|…]; the Message-ID always holds an "@"
  // (it is percent-encoded there, "/" as %2F), the inbox name never does.
  const parts = url.pathname.split('/').filter(Boolean).map((p) => safeDecode(p));
  const id = parts.find((p) => p.includes('@'));
  return id ?? parts[1] ?? null;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

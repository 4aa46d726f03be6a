// Names and addresses as mail headers write them, made comparable.

/** Names compared without case, accents, quotes or punctuation: "Jérôme Glisse" = "jerome glisse". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A display name as it should be kept: outer quotes and stray whitespace removed; null if empty. */
export function cleanDisplayName(name: string | null | undefined): string | null {
  if (typeof name !== 'string') return null;
  const cleaned = name.replace(/\s+/g, ' ').trim().replace(/^(["'])(.*)\1$/, '$2').trim();
  return cleaned && /\p{L}/u.test(cleaned) ? cleaned : null;
}

/** Lower-cased address without brackets, or null when it is not one. */
export function cleanAddress(email: string | null | undefined): string | null {
  if (typeof email !== 'string') return null;
  const bare = email.trim().replace(/^<|>$/g, '').trim().toLowerCase();
  return /^[^\s@<>]+@[^\s@<>]+$/.test(bare) ? bare : null;
}

/** "Name <a@b>", "\"Name\" <a@b>", "a@b (Name)", "a@b" → parts. */
export function parseMailbox(text: string | null | undefined): { name: string | null; email: string | null } {
  if (typeof text !== 'string' || !text.trim()) return { name: null, email: null };
  const angle = /<([^<>]*)>/.exec(text);
  if (angle) return { name: cleanDisplayName(text.slice(0, angle.index)), email: cleanAddress(angle[1]) };
  const comment = /^\s*(\S+@\S+)\s*\((.*)\)\s*$/.exec(text);
  if (comment) return { name: cleanDisplayName(comment[2]), email: cleanAddress(comment[1]) };
  const email = cleanAddress(text);
  return email ? { name: null, email } : { name: cleanDisplayName(text), email: null };
}

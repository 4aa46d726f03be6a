// Undoing mailing-list From: rewrites (DMARC mitigation): "Gao Xiang via Linux-erofs
// <linux-erofs@lists.ozlabs.org>" was really Gao Xiang, whose address the list moved to
// X-Original-From: or Reply-To:. Without either, only the name is known — the list's address
// must never become that person's address.
import { cleanAddress, cleanDisplayName, parseMailbox } from './names.js';
import type { PersonSighting, SenderIdentity } from './types.js';

const VIA = /^(.*?)\s+via\s+(\S.*)$/i;

export function resolveSender(sighting: PersonSighting): SenderIdentity {
  const name = cleanDisplayName(sighting?.name);
  const email = cleanAddress(sighting?.email);
  const via = name ? VIA.exec(name) : null;
  const listAddress = isListAddress(email, via?.[2] ?? null, sighting?.listId ?? null) ? email : null;
  if (!via && !listAddress) return { name, email, rewrite: null };
  if (!listAddress && via && email && !looksLikeList(email)) return { name, email, rewrite: null };
  const realName = cleanDisplayName(via ? via[1] : name);

  const original = parseMailbox(sighting?.originalFrom ?? null);
  if (original.email && original.email !== listAddress) {
    return { name: original.name ?? realName, email: original.email, rewrite: { listAddress, source: 'x-original-from' } };
  }
  for (const reply of sighting?.replyTo ?? []) {
    const replyEmail = cleanAddress(reply?.email);
    if (replyEmail && replyEmail !== listAddress && !looksLikeList(replyEmail)) {
      return { name: cleanDisplayName(reply.name) ?? realName, email: replyEmail, rewrite: { listAddress, source: 'reply-to' } };
    }
  }
  return { name: realName, email: null, rewrite: { listAddress, source: 'name-only' } };
}

function isListAddress(email: string | null, viaList: string | null, listId: string | null): boolean {
  if (!email) return false;
  const local = email.split('@')[0];
  if (viaList && local.toLowerCase() === viaList.trim().toLowerCase().replace(/\s+/g, '-')) return true;
  const id = listId ? /<?([^<>\s]+)>?/.exec(listId)?.[1]?.toLowerCase() : null;
  // List-Id "linux-erofs.lists.ozlabs.org" ⇔ address "linux-erofs@lists.ozlabs.org".
  if (id && id === email.replace('@', '.')) return true;
  return viaList !== null && looksLikeList(email);
}

function looksLikeList(email: string): boolean {
  return /@(?:lists?\.|googlegroups\.com$|vger\.kernel\.org$)/.test(email);
}

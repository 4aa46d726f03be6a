// Which charset labels a message may carry and still be decoded as declared.
//
// mailparser decodes a part's bytes with iconv-lite (after libmime normalises the label), not
// with the WHATWG TextDecoder; iconv-lite knows more: UTF-7, UTF-16 without a BOM, IBM code
// pages, … A label either of them decodes is left alone; anything else is rewritten before
// mailparser runs (parse.ts) and recorded as damage. iconv-lite and libmime are mailparser's own
// dependencies, reached through it, so the decoder asked here is the one that will decode.
import { createRequire } from 'node:module';

interface Iconv {
  encodingExists(label: string): boolean;
  decode(bytes: Buffer, label: string): string;
}
interface Libmime {
  normalizeCharset(label: string): string;
}

const fromMailparser = createRequire(createRequire(import.meta.url).resolve('mailparser'));
const iconv = fromMailparser('iconv-lite') as Iconv;
const libmime = fromMailparser('libmime') as Libmime;

/**
 * A charset name as RFC 2978 registers them: letters, digits and a few marks, starting and
 * ending with a letter or digit. iconv-lite drops every mark when it looks a label up, so
 * `utf-8_` would pass as UTF-8; a mangled label is damage, decoded by what its bytes are.
 */
const WELL_FORMED = /^[a-z0-9](?:[a-z0-9._:+()-]*[a-z0-9)])?$/i;

/** Whether TextDecoder knows the label. */
function webDecodes(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** Whether mailparser would decode text declared in `label` as that charset. */
export function isKnownCharset(label: string): boolean {
  if (!label || !WELL_FORMED.test(label)) return false;
  return webDecodes(label) || iconv.encodingExists(libmime.normalizeCharset(label));
}

/** Bytes in a known charset (see isKnownCharset) → text. */
export function decodeCharset(bytes: Buffer, label: string): string {
  if (webDecodes(label)) return new TextDecoder(label).decode(bytes);
  return iconv.decode(bytes, libmime.normalizeCharset(label));
}

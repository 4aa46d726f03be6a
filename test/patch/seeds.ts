// Builds PatchSourceMail values from the seed archive pages in corpora/ by slicing between the
// page's attachment markers (a stand-in for the real page reader, enough for these tests).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PatchSourceMail } from '../../src/patch/types.js';

const CORPORA = join(import.meta.dirname, '../../corpora');

export function seedText(prefix: string): string {
  const name = readdirSync(CORPORA).find((n) => n.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return readFileSync(join(CORPORA, name), 'utf8');
}

/** 000: a courier MIME page; the patch is the part after 'filename=9999_truncate-nopage-race-1'. */
export function seed000(): PatchSourceMail {
  const page = seedText('000_');
  const marker = page.indexOf('filename=9999_truncate-nopage-race-1');
  const body = page.slice(page.indexOf('\n\n', marker) + 2);
  return { subject: null, text: page.slice(0, marker), attachments: [{ filename: '9999_truncate-nopage-race-1', contentType: 'text/plain', text: body }] };
}

/** 001: a lore thread page with the patch inline. */
export function seed001(): PatchSourceMail {
  return { subject: null, text: seedText('001_'), attachments: [] };
}

/** 004: lore's '[-- Attachment #n: … --]' markers; #1 is the prose, #2..#5 the patches. */
export function seed004(): PatchSourceMail {
  const page = seedText('004_');
  const parts = page.split(/\[-- Attachment #\d+[^\n]*\n(?:\[-- Type[^\n]*\n)?/);
  const [, prose, ...patches] = parts;
  return {
    subject: 'Re: [PATCH 0/4] Some more lock_page work..',
    text: prose,
    attachments: patches.map((text, k) => ({ filename: `000${k + 1}.patch`, contentType: 'text/x-patch', text: text.split('\n  reply\t')[0] })),
  };
}

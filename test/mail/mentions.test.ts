import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { segmentBody } from '../../src/mail/segment/index.js';
import { findMentions, codeVocabulary, type Mention } from '../../src/mail/mentions/index.js';
import { codeShapes } from '../../src/mail/mentions/patterns.js';

function corpusLines(file: string): string[] {
  return readFileSync(new URL(`../../corpora/${file}`, import.meta.url), 'utf8').split('\n');
}
function between(lines: string[], after: RegExp, before: RegExp, from = 0): string {
  const start = lines.findIndex((l, i) => i >= from && after.test(l)) + 1;
  const end = lines.findIndex((l, i) => i >= start && before.test(l));
  return lines.slice(start, end === -1 ? undefined : end).join('\n');
}
const at = (mentions: Mention[], place: Mention['place']) =>
  Object.fromEntries(mentions.filter((m) => m.place === place).map((m) => [m.symbol, m.kind]));

test('seed 000: the subject names do_no_page; Andrea\'s prose discusses nopage and vma->vm_mm', () => {
  const lines = corpusLines('000_52fa4d23242dca54.txt');
  const subject = lines[0];
  const body = between(lines, /^Content-Disposition: inline/, /^--=_courier/);
  const attachment = between(lines, /^Content-Disposition: attachment/, /^--=_courier/);
  const mentions = findMentions(subject, segmentBody(body), { vocabulary: codeVocabulary([attachment]) });
  assert.deepEqual(at(mentions, 'subject'), { do_no_page: 'function' });
  const prose = at(mentions, 'prose');
  assert.equal(prose.nopage, 'operation', 'the attachment knows ->nopage; Andrea writes "truncate against nopage"');
  assert.equal(prose['vma->vm_mm'], 'member');
  assert.equal(prose.MAP_SHARED, 'macro');
  // Precise: nothing English, and the quoted API discussion stays quoted.
  for (const word of ['truncate', 'performance', 'the', 'filesystem', 'DFS', 'down']) assert.ok(!(word in prose), word);
  assert.equal(Object.keys(prose).length, 3);
  const quoted = at(mentions, 'quoted');
  assert.equal(quoted.do_no_page, 'function');
  assert.equal(quoted.do_anonymous_page, 'function');
  assert.equal(quoted.vm_area_struct, 'struct');
  assert.equal(mentions.find((m) => m.place === 'quoted' && m.symbol === 'vma->vm_mm')?.count, 2);
  // The quoted diff is what a patch touches, not a mention: ia32_install_shared_page is not counted.
  assert.ok(!('ia32_install_shared_page' in quoted));
});

test('seed 003: calls, members, macros and files in prose and quotes', () => {
  const lines = corpusLines('003_488de8a7248cdedf.txt');
  const mentions = findMentions('Re: Re: Splitting the mmap_sem', segmentBody(between(lines, /^\[Date Prev\]/, /^\[Index of Archives\]/)));
  assert.deepEqual(at(mentions, 'subject'), { mmap_sem: 'identifier' });
  const prose = at(mentions, 'prose');
  assert.equal(prose.call_srcu, 'function');
  assert.equal(prose.synchronize_srcu, 'function');
  const quoted = at(mentions, 'quoted');
  assert.equal(quoted['mm/memory.c'], 'file');
  assert.equal(quoted.DEFINE_SRCU, 'macro');
  assert.equal(quoted['mm->mmap_sem'], 'member');
  assert.ok(!('SRCU' in quoted) && !('RCU' in prose));
});

test('shapes: struct, ->op, macros, files; English, addresses and URLs are not code', () => {
  const segments = segmentBody([
    'The PG_sticky bit in struct page, set by set_page_dirty() and read in ->nopage.',
    'See include/linux/mm.h and futex.c, page(s) of it, or https://lore.kernel.org/r/a_b@c.d/x.c',
    'Mail me at some_one@example.org. A fake vma struct (or both) works.',
  ].join('\n'));
  const prose = at(findMentions(null, segments), 'prose');
  assert.deepEqual(prose, {
    PG_sticky: 'macro', page: 'struct', set_page_dirty: 'function', nopage: 'operation',
    'include/linux/mm.h': 'file', 'futex.c': 'file',
  });
  assert.deepEqual(findMentions(null, null as unknown as []), []);
});

test('code outside the body (an attachment) names prose words only when it calls or dispatches them', () => {
  const segments = segmentBody('The race is between truncate and nopage.\nsomeone also said pagevec.\n');
  const prose = (code: string[]) => at(findMentions(null, segments, { code }), 'prose');
  // The same answer as an explicit vocabulary read from the same code.
  const attached = ['+\tpage = nopage(vma, address, &type);\n+\tpagevec_add(&pvec, page);\n'];
  assert.deepEqual(prose(attached), at(findMentions(null, segments, { vocabulary: codeVocabulary(attached) }), 'prose'));
  assert.equal(prose(attached).nopage, 'function');
  assert.ok(!('pagevec' in prose(attached)), 'pagevec_add( is not a call of pagevec');
  // Code that only mentions the word (no call, no ->) teaches nothing.
  assert.deepEqual(prose(['+\tint nopage = 1;\n']), {});
  assert.deepEqual(prose([]), {});
});

test('addresses are blanked wherever they stand, and only whole addresses', () => {
  const mentions = findMentions(null, segmentBody('Ask foo_bar@example.org or <x.y+z@lists.example.com>, not do_fault().\n'));
  assert.deepEqual(at(mentions, 'prose'), { do_fault: 'function' });
});

test('a code vocabulary reads no plain identifiers, and finds the same names as the full reading', () => {
  const code = [
    'static int do_fault(struct vm_fault *vmf)', '{', '\tstruct vm_area_struct *vma = vmf->vma;',
    '\tif (!(vmf->flags & FAULT_FLAG_WRITE) && vma->vm_ops->map_pages)', '\t\treturn do_read_fault(vmf);',
    '\tret = __do_fault(vmf); /* see mm/memory.c and include/linux/mm_types.h */', '\tpage_cache_ra_unbounded(ractl, nr_to_read, lookahead_size);', '\tnr_pages = lookahead_size + ra_pages;',
  ].join('\n');
  const all = codeShapes(code);
  assert.ok(all.some((f) => f.kind === 'identifier'), 'the text has plain identifiers');
  assert.deepEqual(codeShapes(code, false), all.filter((f) => f.kind !== 'identifier'));
});

// The anchored scans (src/mail/mentions/anchored.ts) must give exactly what the expressions they
// replace give: compared on hand-picked texts and on many random texts made of the characters
// that matter to them (names, '(', ')', '@', '<', '>', '.', '/', '-', '+', '_', digits, blanks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCallAndOperationNames, replaceAddresses, replaceCalls, replacePaths, type Replacer } from '../../src/mail/mentions/anchored.js';

const CALL = /\b([A-Za-z_][A-Za-z0-9_]*)\(([^()\n]{0,80})\)/g;
const PATH = /(?<![\w/.-])(?:[\w.-]+\/)*[\w-]+\.(?:c|h|S|rs|rst|lds|dts|dtsi)(?![\w/])/g;
const ADDRESS = /(?<![\w.+-])<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?/g;
const NAMED = /(?<![\w])([a-z][a-z0-9]{3,})\(|->([a-z][a-z0-9]{3,})(?!\w)/g;

/** Records every match it is given (where, what, its groups) and answers like the callers do. */
function recorder(): { replace: Replacer; seen: string[] } {
  const seen: string[] = [];
  let n = 0;
  return {
    seen,
    // Every third match is kept as it is (a read that rejects it), the others are replaced.
    replace: (m) => {
      seen.push(JSON.stringify([m.index, m[0], m[1], m[2]]));
      return n++ % 3 === 2 ? m[0] : `<${m[0].length}>`;
    },
  };
}

function byExpression(text: string, re: RegExp): { out: string; seen: string[] } {
  const { replace, seen } = recorder();
  const out = text.replace(re, (...args) => {
    const groups = args.slice(0, -2) as string[];
    const index = args[args.length - 2] as number;
    return replace(Object.assign(groups, { index, input: text }) as unknown as RegExpExecArray);
  });
  return { out, seen };
}

function byScan(text: string, scan: (text: string, replace: Replacer) => string): { out: string; seen: string[] } {
  const { replace, seen } = recorder();
  return { out: scan(text, replace), seen };
}

function namesByExpression(code: string): string[] {
  return [...new Set([...code.matchAll(NAMED)].map((m) => m[1] ?? m[2]!))].sort();
}

function namesByScan(code: string): string[] {
  const names = new Set<string>();
  addCallAndOperationNames(code, names);
  return [...names].sort();
}

function same(text: string): void {
  const label = JSON.stringify(text);
  assert.deepEqual(byScan(text, replaceCalls), byExpression(text, CALL), `calls in ${label}`);
  assert.deepEqual(byScan(text, replacePaths), byExpression(text, PATH), `paths in ${label}`);
  assert.deepEqual(byScan(text, replaceAddresses), byExpression(text, ADDRESS), `addresses in ${label}`);
  assert.deepEqual(namesByScan(text), namesByExpression(text), `names in ${label}`);
}

test('the scans agree with the expressions on code and prose', () => {
  const texts = [
    'do_no_page() races with truncate(2) in mm/memory.c; see vma->vm_ops->fault(vmf) and ->page_mkwrite().',
    'On Mon, Ann <ann.dev+lkml@kernel.org> wrote:\n> x@y.z.\n<a@b.c>d@e.f <<q@r.s>> mail a@b.cd@e.f 1@2.3',
    'foo(bar(x)) baz( ) f(\nx) _under(1) 9lives(2) Mixed_Case(a, b) long(' + 'a'.repeat(81) + ')',
    'include/linux/mm.h, ./fs/crypto/keyring.c., arch/x86/boot/dts/foo.dtsi/x 2.6.c 2.6.12.rs -.c a/.h a.c/b.h',
    'two suffixes in one run: mm/memory.c.h a.c.h 1.c.h x.rst.c',
    '->nopage ->Nopage ->nopage_ ->abc ->abcd( call1234(x) __do_fault(vmf) x->abcd->efgh',
    '', '(', '@', '->', '.c', 'a.c', '<a@b.c', 'a@b', '@b.c', '<@b.c>',
  ];
  for (const text of texts) same(text);
});

test('the scans agree with the expressions on 20,000 random texts', () => {
  const alphabet = ['a', 'b', 'x', 'Z', 'Q', '_', '0', '9', '(', ')', '@', '<', '>', '.', '/', '-', '+', ' ', '\n', 'c', 'h', 'S', 'rs', 'dts', 'dtsi', '->', 'do_no_page', 'page', 'vm', '.c', '.h', 'mm/', '@k.org', '<me'];
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 20_000; i++) {
    const length = 1 + Math.floor(random() * 40);
    let text = '';
    for (let k = 0; k < length; k++) text += alphabet[Math.floor(random() * alphabet.length)];
    same(text);
  }
});

// Scans that start from the one character a shape cannot do without — the '(' of a call, the
// '@' of an address, the '.' of a file suffix, the '->' of an operation — instead of trying a
// regular expression at every position of the text. Each gives exactly what its expression
// (named above it) gives over the whole text with a global replace or matchAll: the
// expressions start only where a run of name characters starts (a look-behind or \b), so a
// match is pinned down by its anchor. They were a seventh of the main thread's time at ingest.
// test/mail/mentions-anchored.test.ts holds the expressions and compares.

/** What a global `replace` callback returns for a match: its replacement. */
export type Replacer = (match: RegExpExecArray) => string;

const isWord = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95; // \w
const isLower = (c: number) => c >= 97 && c <= 122;
const isLowerOrDigit = (c: number) => isLower(c) || (c >= 48 && c <= 57);
/** [\w./-]: a path's characters. */
const isPathChar = (c: number) => isWord(c) || c === 46 || c === 47 || c === 45;
/** [\w.+-]: an address's local part. */
const isLocalChar = (c: number) => isWord(c) || c === 46 || c === 43 || c === 45;

/** Rebuilds `text` with the given spans replaced, in order. */
function splice(text: string, spans: Array<[start: number, end: number, replacement: string]>): string {
  if (spans.length === 0) return text;
  let out = '';
  let last = 0;
  for (const [start, end, replacement] of spans) {
    out += text.slice(last, start) + replacement;
    last = end;
  }
  return out + text.slice(last);
}

const CALL_REST = /[^()\n]{0,80}\)/y;

/** `text.replace(/\b([A-Za-z_][A-Za-z0-9_]*)\(([^()\n]{0,80})\)/g, replace)`. */
export function replaceCalls(text: string, replace: Replacer): string {
  const spans: Array<[number, number, string]> = [];
  for (let open = text.indexOf('('); open !== -1; open = text.indexOf('(', open + 1)) {
    let start = open;
    while (start > 0 && isWord(text.charCodeAt(start - 1))) start--;
    const first = text.charCodeAt(start);
    // The name is the whole run of word characters before '(' (\b), and does not start with a digit.
    if (start === open || (first >= 48 && first <= 57)) continue;
    CALL_REST.lastIndex = open + 1;
    const rest = CALL_REST.exec(text);
    if (!rest) continue;
    const end = open + 1 + rest[0].length;
    const match = Object.assign([text.slice(start, end), text.slice(start, open), rest[0].slice(0, -1)], { index: start, input: text }) as unknown as RegExpExecArray;
    spans.push([start, end, replace(match)]);
    open = end - 1; // arguments hold no '(' : the next one is after the match
  }
  return splice(text, spans);
}

const FILE_SUFFIX = /\.(?:c|h|S|rs|rst|lds|dts|dtsi)(?![\w/])/g;
const PATH_FROM_RUN_START = /(?:[\w.-]+\/)*[\w-]+\.(?:c|h|S|rs|rst|lds|dts|dtsi)(?![\w/])/y;

/** `text.replace(/(?<![\w/.-])(?:[\w.-]+\/)*[\w-]+\.(?:c|h|S|rs|rst|lds|dts|dtsi)(?![\w/])/g, replace)`. */
export function replacePaths(text: string, replace: Replacer): string {
  // A path starts where a run of path characters starts (the look-behind) and ends at a suffix
  // inside that run: at most one path a run, found from the run's start.
  const spans: Array<[number, number, string]> = [];
  let runEnd = -1;
  FILE_SUFFIX.lastIndex = 0;
  for (let suffix = FILE_SUFFIX.exec(text); suffix; suffix = FILE_SUFFIX.exec(text)) {
    if (suffix.index < runEnd) continue; // its run was read already
    let start = suffix.index;
    while (start > 0 && isPathChar(text.charCodeAt(start - 1))) start--;
    runEnd = suffix.index;
    while (runEnd < text.length && isPathChar(text.charCodeAt(runEnd))) runEnd++;
    PATH_FROM_RUN_START.lastIndex = start;
    const path = PATH_FROM_RUN_START.exec(text);
    if (path) spans.push([start, start + path[0].length, replace(path)]);
  }
  return splice(text, spans);
}

const ADDRESS_FROM = /<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?/y;

/** `text.replace(/(?<![\w.+-])<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?/g, replace)`. */
export function replaceAddresses(text: string, replace: Replacer): string {
  // An address holds one '@'; its local part is the whole run of [\w.+-] before it (the
  // look-behind), with the '<' before that run if the '<' itself follows no such character.
  const spans: Array<[number, number, string]> = [];
  let last = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let run = at;
    while (run > 0 && isLocalChar(text.charCodeAt(run - 1))) run--;
    if (run === at || run < last) continue;
    const bracket = run > last && text.charCodeAt(run - 1) === 60 && (run - 1 === 0 || !isLocalChar(text.charCodeAt(run - 2)));
    const start = bracket ? run - 1 : run;
    ADDRESS_FROM.lastIndex = start;
    const address = ADDRESS_FROM.exec(text);
    if (!address) continue;
    last = start + address[0].length;
    spans.push([start, last, replace(address)]);
  }
  return splice(text, spans);
}

/**
 * Adds to `names` each name in `[...code.matchAll(/(?<![\w])([a-z][a-z0-9]{3,})\(|->([a-z][a-z0-9]{3,})(?!\w)/g)]`:
 * a lower-case name called (`name(`) or used as an operation (`->name`).
 */
export function addCallAndOperationNames(code: string, names: Set<string>): void {
  for (let open = code.indexOf('('); open !== -1; open = code.indexOf('(', open + 1)) {
    let start = open;
    while (start > 0 && isLowerOrDigit(code.charCodeAt(start - 1))) start--;
    if (open - start >= 4 && isLower(code.charCodeAt(start)) && (start === 0 || !isWord(code.charCodeAt(start - 1)))) {
      names.add(code.slice(start, open));
    }
  }
  for (let arrow = code.indexOf('->'); arrow !== -1; arrow = code.indexOf('->', arrow + 2)) {
    const start = arrow + 2;
    let end = start;
    while (end < code.length && isLowerOrDigit(code.charCodeAt(end))) end++;
    if (end - start >= 4 && isLower(code.charCodeAt(start)) && (end === code.length || !isWord(code.charCodeAt(end)))) {
      names.add(code.slice(start, end));
    }
  }
}

// One entry of a history in Markdown: why it is here, its versions, the subject's hunks from
// the latest version, people's words about it, the exchanges about those lines, reviews,
// robots' reports, races and outcome. Concise by default; `full` drops every cut.
import type { RootContent } from 'mdast';
import { citeMessage } from './cite.js';
import { personName, shortDate } from './format.js';
import { entryRace, versionsLine } from './entry-words.js';
import { blockquote, codeBlock, heading, list, paragraph, strong, table, type Inline } from './mdast.js';
import { counterexampleToMermaid } from './mermaid.js';
import type { ArgumentVoice, HistoryEntry, SubjectHunk } from './types.js';

export interface EntryLimits {
  hunkLines: number;
  arguments: number;
  pointLines: number;
  replyLines: number;
  excerpts: number;
  reports: number;
}

export const CONCISE: EntryLimits = { hunkLines: 30, arguments: 2, pointLines: 6, replyLines: 8, excerpts: 1, reports: 3 };
export const FULL: EntryLimits = {
  hunkLines: Infinity, arguments: Infinity, pointLines: Infinity, replyLines: Infinity, excerpts: Infinity, reports: Infinity,
};

function clip(text: string, max: number): string {
  const lines = text.trim().split('\n');
  return lines.length <= max ? lines.join('\n') : `${lines.slice(0, max).join('\n')}\n[… ${lines.length - max} more lines]`;
}

/** The end of a quotation: the lines right above the reply are the ones it answers. */
function clipTail(text: string, max: number): string {
  const lines = text.trim().split('\n');
  return lines.length <= max ? lines.join('\n') : `[… ${lines.length - max} earlier lines]\n${lines.slice(-max).join('\n')}`;
}

function hunksPart(hunks: SubjectHunk[], max: number): RootContent[] {
  if (hunks.length === 0) return [];
  const out: string[] = [];
  let left = max;
  let skipped = 0;
  for (const h of hunks) {
    if (left <= 0) { skipped++; continue; }
    const body = h.lines.slice(0, left);
    left -= body.length + 1;
    const cut = h.lines.length - body.length + h.omitted;
    out.push(`@@ ${h.path}${h.header ? `: ${h.header.trim()}` : ''} (+${h.additions}/−${h.deletions}) @@`, ...body);
    if (cut > 0) out.push(`[… ${cut} line${cut === 1 ? "" : "s"} of this hunk not shown]`);
  }
  if (skipped > 0) out.push(`[… ${skipped} more hunk${skipped === 1 ? '' : 's'} not shown]`);
  return [paragraph('What the latest version does to it:'), codeBlock('diff', out.join('\n'))];
}

function voice(label: string, v: ArgumentVoice, max: number, cut: (text: string, max: number) => string): RootContent[] {
  const where: Inline[] = v.message ? [', ', ...citeMessage(v.message)] : [', message not archived'];
  return [
    paragraph(strong(label), ` — ${personName(v.author)}, ${shortDate(v.date)}`, ...where, ':'),
    blockquote(...cut(v.text, max).split(/\n{2,}/).filter((para) => para.trim() !== "").map((para) => paragraph(para.trim()))),
  ];
}

function argumentsPart(e: HistoryEntry, l: EntryLimits): RootContent[] {
  if (e.arguments.length === 0) return [];
  const shown = e.arguments.slice(0, l.arguments);
  const more = e.arguments.length - shown.length;
  return [
    paragraph(strong('The arguments about it'), more > 0 ? ` (${shown.length} of ${e.arguments.length}; --full shows all):` : ':'),
    list(shown.map((p) => [...voice('Point', p.point, l.pointLines, clipTail), ...voice('Reply', p.reply, l.replyLines, clip)])),
  ];
}

function discussionPart(e: HistoryEntry, l: EntryLimits): RootContent[] {
  const shown = e.discussion.slice(0, l.excerpts);
  return shown.flatMap((d) => [
    paragraph(`In ${personName(d.author)}'s words, ${shortDate(d.date)}, `, ...citeMessage(d.message), ':'),
    blockquote(paragraph(clip(d.text, 6))),
  ]);
}

function patchesPart(e: HistoryEntry, full: boolean): RootContent[] {
  if (e.touching.length === 0) return [];
  const shown = full ? e.touching : e.touching.filter((t) => t.latest);
  return [table(['Patch', 'Touches it', 'Message', 'Upstream'], shown.map((t) => [
    `${t.version > 1 ? `v${t.version} ` : ''}${t.partTotal ? `${t.part ?? '?'}/${t.partTotal} ` : ''}${t.subject ?? ''}`.trim(),
    `${t.hunks} hunk${t.hunks === 1 ? '' : 's'}, +${t.additions}/−${t.deletions}`,
    citeMessage(t.message),
    t.upstream ?? '—',
  ]))];
}

function tailPart(e: HistoryEntry, l: EntryLimits): RootContent[] {
  const out: RootContent[] = [];
  if (e.reviews.length > 0) {
    const names = [...new Set(e.reviews.map((t) => t.name))];
    out.push(paragraph(strong('Trailers:'), ' ', names.map((n) => `${n} ${[...new Set(e.reviews.filter((t) => t.name === n)
      .map((t) => personName(t.person.name || t.person.email ? t.person : { name: t.value, email: null })))].join(', ')}`).join('; '), '.'));
  }
  if (e.reports.length > 0) {
    const shown = e.reports.slice(0, l.reports);
    out.push(paragraph(strong(`Reports (${e.reports.length}, robots and build reports, not proposals):`), ' ',
      ...shown.flatMap((r, i): Inline[] => [i > 0 ? '; ' : '', `${personName(r.author)} ${shortDate(r.date)} `, ...citeMessage(r.message)]),
      e.reports.length > shown.length ? `; ${e.reports.length - shown.length} more` : '', '.'));
  }
  if (e.races.length > 0) out.push(list(e.races.map((r) => [entryRace(r)])));
  const drawn = e.races.filter((r) => r.how !== 'candidate' && r.counterexample && r.counterexample.steps.length > 0)
    .slice(0, l.reports === Infinity ? undefined : 1);
  for (const r of drawn) {
    out.push(paragraph(`Shortest counterexample of ${r.scenario} (variant ${r.counterexample!.variant}, ${r.counterexample!.steps.length} steps):`));
    out.push(codeBlock('mermaid', counterexampleToMermaid(r.counterexample!.steps)));
  }
  if (e.outcome.length > 0) {
    out.push(paragraph(strong('What became of it:'), ' ', e.outcome.map((o) => `${o.text}${o.commit ? ` (commit ${o.commit}${o.release ? `, ${o.release}` : ''})` : o.release ? ` (${o.release})` : ''}`).join('; '), '.'));
  }
  return out;
}

export function entrySection(e: HistoryEntry, l: EntryLimits, full: boolean): RootContent[] {
  const dates = `${shortDate(e.firstDate)} – ${shortDate(e.lastDate ?? e.firstDate)}`;
  const versions = versionsLine(e);
  return [
    heading(3, `${e.rank}. ${e.title}`),
    paragraph(`${dates}; ${e.proposer ? `proposed by ${personName(e.proposer)}` : 'no person proposed it'}.`,
      ...(versions ? [' ', strong('Versions:'), ` ${versions}.`] : [])),
    list(e.why.map((w) => [w])),
    ...patchesPart(e, full),
    ...hunksPart(e.hunks, l.hunkLines),
    ...discussionPart(e, l),
    ...argumentsPart(e, l),
    ...tailPart(e, l),
  ];
}

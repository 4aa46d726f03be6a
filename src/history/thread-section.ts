// One section per thread: its messages, the proposal in the proposer's words, the patches,
// the argument pairs, trailers, the linked race with its counterexample, the outcome, stubs.
import type { RootContent } from 'mdast';
import { citeMessage } from './cite.js';
import { patchLabel, personName, shortDate } from './format.js';
import {
  blockquote, code, codeBlock, emphasis, heading, list, paragraph, strong, table, text, type Inline,
} from './mdast.js';
import { counterexampleToMermaid } from './mermaid.js';
import { entryRace } from './entry-words.js';
import type { ArgumentVoice, HistoryThread, RaceLink } from './types.js';

function messagesPart(thread: HistoryThread): RootContent[] {
  const archived = thread.messages.filter((m) => !m.stub);
  if (archived.length === 0) return [paragraph(emphasis('No message of this thread is archived here.'))];
  const rows = archived.map((m) => [
    shortDate(m.date),
    `${'↳ '.repeat(Math.min(m.depth, 8))}${personName(m.author)}`,
    m.subject ?? '(no subject)',
    citeMessage(m),
  ]);
  return [heading(4, 'Messages'), table(['Date', 'Author', 'Subject', 'Message'], rows)];
}

function proposalPart(thread: HistoryThread): RootContent[] {
  const p = thread.proposal;
  if (!p || p.paragraphs.length === 0) return [];
  const from = p.source === 'body' ? ' (taken from the message body: segmentation not available)' : '';
  return [
    heading(4, 'The proposal'),
    paragraph(`In ${personName(p.author)}'s words, ${shortDate(p.date)}${from}, `, ...citeMessage(p.message), ':'),
    blockquote(...p.paragraphs.map((para) => paragraph(para))),
  ];
}

function patchesPart(thread: HistoryThread): RootContent[] {
  if (thread.patches.length === 0) return [];
  const rows = thread.patches.map((p) => [
    patchLabel(p),
    citeMessage(p.message),
    p.files.map((f) => `${f.path} (+${f.additions}/−${f.deletions})`).join(', ') || 'none',
    p.functions.flatMap((fn, i): Inline[] => (i === 0 ? [code(fn)] : [', ', code(fn)])),
    `+${p.insertions}/−${p.deletions}`,
    `${p.origin}${p.attachmentName ? `: ${p.attachmentName}` : ''}`,
  ]);
  return [
    heading(4, 'Patches'),
    table(['Patch', 'Message', 'Files', 'Functions', '+/−', 'How sent'], rows.map((r) =>
      r.map((c) => (Array.isArray(c) && c.length === 0 ? 'none' : c)))),
  ];
}

function voice(label: string, v: ArgumentVoice): RootContent[] {
  const where: Inline[] = v.message ? [', ', ...citeMessage(v.message)] : [', message not archived'];
  return [
    paragraph(strong(label), ` — ${personName(v.author)}, ${shortDate(v.date)}`, ...where, ':'),
    blockquote(...v.text.split(/\n{2,}/).map((para) => paragraph(para.trim()))),
  ];
}

function argumentsPart(thread: HistoryThread): RootContent[] {
  if (thread.arguments.length === 0) return [];
  return [
    heading(4, 'The discussion'),
    list(thread.arguments.map((pair) => [...voice('Point', pair.point), ...voice('Reply', pair.reply)])),
  ];
}

function trailersPart(thread: HistoryThread): RootContent[] {
  if (thread.trailers.length === 0) return [];
  const rows = thread.trailers.map((t) => [
    t.name,
    personName(t.person.name || t.person.email ? t.person : { name: t.value, email: null }),
    t.patchSubject ?? '(the message)',
    [...citeMessage(t.message), text(t.inReply ? ' (given in a reply)' : '')],
  ]);
  return [heading(4, 'Trailers'), table(['Trailer', 'Who', 'About', 'Where'], rows)];
}

function racePart(race: RaceLink): RootContent[] {
  const basis: Inline[] = race.patches.length > 0
    ? [' Linked through ', ...race.patches.flatMap((p, i): Inline[] => [i === 0 ? '' : ', ', ...citeMessage(p)]), '.']
    : [];
  const out: RootContent[] = [
    paragraph(strong(race.title), ' — scenario ', code(race.scenario), `, link: ${race.how}`,
      race.score !== null ? ` (score ${race.score})` : '', '.', ...basis),
  ];
  if (race.how === 'candidate') {
    out.push(paragraph(entryRace(race)));
  } else if (race.verdicts.length === 0) {
    out.push(paragraph(emphasis('Not replayed yet: no verdict recorded.')));
  } else {
    out.push(table(['Variant', 'Verdict', 'Invariant', 'States', 'Schedule'], race.verdicts.map((v) => [
      v.variant, v.verdict, v.invariant ?? '—', v.states === null ? '—' : String(v.states),
      v.schedule ? code(v.schedule) : '—',
    ])));
  }
  if (race.counterexample && race.counterexample.steps.length > 0) {
    out.push(paragraph(`Shortest counterexample (variant ${race.counterexample.variant}, `
      + `${race.counterexample.steps.length} steps):`));
    out.push(codeBlock('mermaid', counterexampleToMermaid(race.counterexample.steps)));
  }
  return out;
}

function outcomePart(thread: HistoryThread): RootContent[] {
  if (thread.outcome.length === 0) return [];
  return [heading(4, 'What became of it'), list(thread.outcome.map((o) => {
    const where = [o.release ? `release ${o.release}` : null, o.commit ? `commit ${o.commit}` : null]
      .filter((s): s is string => s !== null);
    return [o.text, where.length > 0 ? ` (${where.join(', ')})` : ''];
  }))];
}

function stubsPart(thread: HistoryThread): RootContent[] {
  if (thread.stubs.length === 0) return [];
  const rows = thread.stubs.map((s) => [
    shortDate(s.date), personName(s.author), s.subject ?? '(no subject)', citeMessage(s),
  ]);
  return [
    heading(4, 'Known but not archived'),
    paragraph(`${thread.stubs.length} message${thread.stubs.length === 1 ? '' : 's'} known only from a thread overview or a reference:`),
    table(['Date', 'Author', 'Subject', 'Message'], rows),
  ];
}

export function threadSection(thread: HistoryThread, index: number): RootContent[] {
  return [
    heading(3, `${index + 1}. ${thread.subject ?? '(no subject)'}`),
    paragraph(`${shortDate(thread.firstDate)} – ${shortDate(thread.lastDate ?? thread.firstDate)}. `
      + `In this history because it ${thread.matchedBy.join('; ') || 'matched the subject'}.`),
    ...messagesPart(thread),
    ...proposalPart(thread),
    ...patchesPart(thread),
    ...argumentsPart(thread),
    ...trailersPart(thread),
    ...(thread.races.length > 0 ? [heading(4, 'The race') as RootContent, ...thread.races.flatMap(racePart)] : []),
    ...outcomePart(thread),
    ...stubsPart(thread),
  ];
}

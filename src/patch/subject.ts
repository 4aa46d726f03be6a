// Subject tags: '[PATCH v3 2/7]', '[RFC PATCH net-next]', '[GIT PULL]', 'RESEND', and the
// 'Re:'/'Fwd:' prefixes mail clients stack in front.
import type { SubjectTags } from './types.js';

const REPLY = /^(re|aw|sv|antw)\s*(\[\d+\])?\s*:\s*/i;
const FORWARD = /^(fwd?|wg)\s*:\s*/i;

export function parseSubjectTags(subject: string): SubjectTags {
  const result: SubjectTags = { tags: [], version: 1, part: null, partTotal: null, isReply: false, title: '' };
  let rest = typeof subject === 'string' ? subject.replace(/\s+/g, ' ').trim() : '';
  for (let guard = 0; guard < 50; guard++) {
    const before = rest;
    if (REPLY.test(rest)) {
      result.isReply = true;
      rest = rest.replace(REPLY, '');
    }
    rest = rest.replace(FORWARD, '');
    const bracket = /^\[([^\]]*)\]\s*/.exec(rest);
    if (bracket) {
      readBracket(bracket[1], result);
      rest = rest.slice(bracket[0].length);
    }
    if (rest === before) break;
  }
  result.title = rest.trim();
  return result;
}

function readBracket(inside: string, into: SubjectTags): void {
  const words = inside.split(/[\s,]+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const version = /^v(\d+)$/i.exec(word);
    const part = /^(\d+)\/(\d+)$/.exec(word);
    if (version) into.version = Number(version[1]);
    else if (part) {
      into.part = Number(part[1]);
      into.partTotal = Number(part[2]);
    } else if (word.toUpperCase() === 'GIT' && words[i + 1]?.toUpperCase() === 'PULL') {
      into.tags.push('GIT PULL');
      i++;
    } else into.tags.push(word);
  }
}

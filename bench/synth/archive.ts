// The shape of a lore list over time: threads (patch series with cover letters, single patches,
// discussions) run side by side, so their messages interleave as they do in a real archive.
// Replies quote their parent and carry References; a few messages arrive twice or are removed.
import { Random } from './random.js';
import { people, subsystem, functionName, prose, type Person } from './kernel.js';
import { coverBody, encodeBody, headerBlock, patchBody, replyBody, type Envelope } from './messages.js';

export interface SynthEntry {
  kind: 'message' | 'delete';
  raw: Buffer;
  envelope: Envelope;
}

interface Written {
  envelope: Envelope;
  body: string;
}

const LIST: Person = { name: '', email: 'linux-mm@kvack.org' };
/** Threads open at once: how far apart a thread's messages land in the archive. */
const ACTIVE_THREADS = 24;

export function* synthArchive(seed: number, count: number): Generator<SynthEntry> {
  const random = new Random(seed);
  const cast = people(random, 400);
  const clock = { now: Date.UTC(2019, 0, 1) };
  const active: Array<Generator<Written>> = [];
  const recent: SynthEntry[] = [];
  let emitted = 0;
  let serial = 0;
  while (emitted < count) {
    while (active.length < ACTIVE_THREADS) active.push(thread(random, cast, clock, serial++));
    const index = random.int(0, active.length - 1);
    const next = active[index].next();
    if (next.done) {
      active.splice(index, 1);
      continue;
    }
    clock.now += random.int(10, 1800) * 1000;
    const entry: SynthEntry = { kind: 'message', raw: render(random, next.value), envelope: next.value.envelope };
    yield entry;
    emitted++;
    recent.push(entry);
    if (recent.length > 50) recent.shift();
    if (emitted < count && random.chance(0.002)) {
      yield random.pick(recent); // the same message delivered twice
      emitted++;
    }
    if (emitted < count && random.chance(0.0005)) {
      yield { ...random.pick(recent), kind: 'delete' };
      emitted++;
    }
  }
}

function render(random: Random, written: Written): Buffer {
  const isPatch = /^\[PATCH/.test(written.envelope.subject) && !/ 0\/\d+\]/.test(written.envelope.subject);
  const encoded = encodeBody(random, written.body, isPatch);
  const head = headerBlock(written.envelope, random, encoded.headers).join('\n');
  return Buffer.concat([Buffer.from(`${head}\n\n`), encoded.body]);
}

function* thread(random: Random, cast: Person[], clock: { now: number }, serial: number): Generator<Written> {
  const author = random.pick(cast);
  const reviewers = random.some(cast.slice(0, 40), 0.08).slice(0, 4);
  const kind = random.next();
  const topic = `${subsystem(random)}: ${random.pick(['fix race in', 'simplify', 'convert to folios in', 'avoid deadlock in', 'add tracepoint to'])} ${functionName(random)}`;
  const version = random.chance(0.4) ? random.int(2, 7) : 1;
  const tag = version > 1 ? `PATCH v${version}` : 'PATCH';
  const stamp = () => new Date(clock.now);
  const idFor = (n: number) => `${new Date(clock.now).toISOString().replace(/\D/g, '').slice(0, 14)}.${serial}-${n}-${author.email.replace('@', '.')}@kernel.org`;
  const posted: Written[] = [];
  const envelope = (subject: string, parent: Written | null, n: number): Envelope => ({
    from: author,
    to: [LIST],
    cc: reviewers,
    subject,
    date: stamp(),
    messageId: idFor(n),
    inReplyTo: parent?.envelope.messageId ?? null,
    references: parent ? [...parent.envelope.references, parent.envelope.messageId].slice(-12) : [],
  });

  if (kind < 0.6) {
    const n = kind < 0.35 ? random.int(2, 12) : 1;
    const titles = Array.from({ length: n }, () => `${subsystem(random)}: ${random.pick(['rework', 'fix', 'document', 'clean up'])} ${functionName(random)}`);
    let cover: Written | null = null;
    if (n > 1) {
      cover = { envelope: envelope(`[${tag} 0/${n}] ${topic}`, null, 0), body: coverBody(random, author, titles) };
      posted.push(cover);
      yield cover;
    }
    for (let i = 1; i <= n; i++) {
      const subject = n > 1 ? `[${tag} ${i}/${n}] ${titles[i - 1]}` : `[${tag}] ${topic}`;
      const patch: Written = { envelope: envelope(subject, cover, i), body: patchBody(random, author, reviewers).body };
      posted.push(patch);
      yield patch;
    }
  } else {
    const root: Written = { envelope: envelope(`${topic}?`, null, 0), body: `${prose(random, random.int(3, 9))}\n\nThanks,\n${author.name}\n` };
    posted.push(root);
    yield root;
  }
  const replies = random.int(0, 8);
  for (let r = 0; r < replies; r++) {
    const parent = random.pick(posted);
    const from = random.chance(0.3) ? author : random.pick(reviewers.length ? reviewers : cast);
    const subject = parent.envelope.subject.startsWith('Re: ') ? parent.envelope.subject : `Re: ${parent.envelope.subject}`;
    const reply: Written = {
      envelope: {
        ...envelope(subject, parent, 100 + r),
        from,
        messageId: `${Math.floor(random.next() * 1e15).toString(36)}.${serial}.${r}@${from.email.split('@')[1]}`,
      },
      body: replyBody(random, { body: parent.body, from: parent.envelope.from, date: parent.envelope.date }, from),
    };
    posted.push(reply);
    yield reply;
  }
}

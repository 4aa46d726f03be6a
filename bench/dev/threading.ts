// Threading speed on a synthetic archive shaped like a busy list: 120,000 messages in threads of
// 1–60, replies carrying References chains (truncated to their last 10 entries, as many mailers
// do), 2% whose parent never arrived, a few loops and self-references, some headerless replies.
//   node --import tsx bench/dev/threading.ts [messages]
import { threadMessages, type ThreadInput } from '../../src/thread/index.js';

const total = Number(process.argv[2] ?? 120_000);
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

function archive(): ThreadInput[] {
  const out: ThreadInput[] = [];
  let t = Date.parse('2010-01-01T00:00:00Z');
  let thread = 0;
  while (out.length < total) {
    thread++;
    const size = 1 + Math.floor(random() ** 3 * 60);
    const chains: string[][] = [];
    for (let i = 0; i < size && out.length < total; i++) {
      const id = `m${thread}.${i}@example.org`;
      t += 1000 * Math.floor(random() * 600);
      const parentAt = i === 0 ? -1 : Math.floor(random() * i);
      const chain = parentAt < 0 ? [] : [...chains[parentAt], `m${thread}.${parentAt}@example.org`];
      chains.push(chain);
      const lost = random() < 0.02;
      const headerless = i > 0 && random() < 0.005;
      out.push({
        messageId: id,
        subject: i === 0 ? `[PATCH v${1 + (thread % 3)}] subsystem: change number ${thread}` : `Re: [PATCH] subsystem: change number ${thread}`,
        date: new Date(t).toISOString(),
        inReplyTo: headerless ? null : parentAt < 0 ? null : `<m${thread}.${parentAt}@example.org>`,
        references: headerless ? [] : chain.slice(-10).map((r) => `<${r}>`).concat(random() < 0.001 ? [`<${id}>`] : []),
        author: `person${Math.floor(random() * 3000)}`,
        hasPatch: i === 0,
      });
      if (lost && i > 0) out.pop();
    }
  }
  // A few loops: A says it replies to B while B replies to A.
  for (let k = 0; k + 1 < out.length && k < 200; k += 2) out[k].inReplyTo = `<${out[k + 1].messageId}>`;
  return out;
}

const inputs = archive();
for (let run = 1; run <= 3; run++) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = threadMessages(inputs);
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const problems = new Map<string, number>();
  for (const p of result.problems) problems.set(p.kind, (problems.get(p.kind) ?? 0) + 1);
  console.log(
    `run ${run}: ${inputs.length} inputs → ${result.messages.length} nodes, ${result.threads.length} threads in ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU (GC threads included)`,
    Object.fromEntries(problems),
  );
}

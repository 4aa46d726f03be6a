// Writing a synthetic archive to disk: a public-inbox v2 inbox through `git fast-import` (one
// commit per message adding blob `m`, or `d` for a removal, as public-inbox does), or an mboxrd.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { SynthEntry } from './archive.js';

async function write(stream: Writable, data: Buffer | string): Promise<void> {
  if (!stream.write(data)) await once(stream, 'drain');
}

/** An inbox `dir/git/N.git` with `perEpoch` messages per epoch; returns the epoch count. */
export async function writeInbox(dir: string, entries: Iterable<SynthEntry>, perEpoch: number): Promise<number> {
  let epoch = -1;
  let inEpoch = perEpoch;
  let importer: ReturnType<typeof spawn> | null = null;
  const finish = async () => {
    if (!importer) return;
    importer.stdin!.end('done\n'); // with --done, a stream cut short is an error, not an archive
    const [code] = await once(importer, 'close');
    if (code !== 0) throw new Error(`git fast-import failed for epoch ${epoch}`);
  };
  for (const entry of entries) {
    if (inEpoch >= perEpoch) {
      await finish();
      epoch++;
      inEpoch = 0;
      const gitDir = join(dir, 'git', `${epoch}.git`);
      mkdirSync(gitDir, { recursive: true });
      await run('git', ['init', '-q', '--bare', gitDir]);
      await run('git', [`--git-dir=${gitDir}`, 'symbolic-ref', 'HEAD', 'refs/heads/master']);
      importer = spawn('git', [`--git-dir=${gitDir}`, 'fast-import', '--quiet', '--done'], { stdio: ['pipe', 'inherit', 'inherit'] });
    }
    const { envelope } = entry;
    const when = `${Math.floor(envelope.date.getTime() / 1000)} +0000`;
    const path = entry.kind === 'delete' ? 'd' : 'm';
    const other = entry.kind === 'delete' ? 'm' : 'd';
    const subject = Buffer.from(envelope.subject);
    const header =
      `commit refs/heads/master\n` +
      `author ${envelope.from.name.replace(/[<>\n]/g, '')} <${envelope.from.email}> ${when}\n` +
      `committer lorelab synth <synth@lorelab.invalid> ${when}\n` +
      `data ${subject.length}\n`;
    await write(importer!.stdin!, header);
    await write(importer!.stdin!, subject);
    await write(importer!.stdin!, `\n${inEpoch > 0 ? `D ${other}\n` : ''}M 100644 inline ${path}\ndata ${entry.raw.length}\n`);
    await write(importer!.stdin!, entry.raw);
    await write(importer!.stdin!, '\n\n');
    inEpoch++;
  }
  await finish();
  return epoch + 1;
}

/** An mboxrd file: From_ lines, `>From ` quoting one level deeper, a blank line between messages. */
export async function writeMboxrd(file: string, entries: Iterable<SynthEntry>): Promise<void> {
  const out = createWriteStream(file);
  for (const entry of entries) {
    if (entry.kind !== 'message') continue;
    const quoted = entry.raw.toString('latin1').replace(/^(>*From )/gm, '>$1');
    await write(out, `From mboxrd@z Thu Jan  1 00:00:00 1970\n`);
    await write(out, Buffer.from(quoted.endsWith('\n') ? quoted : `${quoted}\n`, 'latin1'));
    await write(out, '\n');
  }
  out.end();
  await once(out, 'finish');
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed`))));
  });
}

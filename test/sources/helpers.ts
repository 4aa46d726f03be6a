// Test inputs built on the spot: small public-inbox repositories made with real `git`
// (fast-import), temporary directories, and a few short messages.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceItem } from '../../src/sources/types.js';

export function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'lorelab-sources-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** One commit: files to write (path → content) and paths to remove. */
export interface FakeCommit {
  write?: Record<string, string>;
  remove?: string[];
}

/** A bare repository holding these commits on master (HEAD); returns their shas, oldest first. */
export function makeRepo(gitDir: string, commits: FakeCommit[]): string[] {
  execFileSync('git', ['init', '-q', '--bare', gitDir]);
  execFileSync('git', [`--git-dir=${gitDir}`, 'symbolic-ref', 'HEAD', 'refs/heads/master']);
  appendCommits(gitDir, commits);
  return commitsOf(gitDir);
}

export function appendCommits(gitDir: string, commits: FakeCommit[]): void {
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const tip = commitsOf(gitDir).at(-1);
  let stream = '';
  commits.forEach((commit, i) => {
    stream += 'commit refs/heads/master\n';
    stream += `committer Test <test@example.org> ${1700000000 + i} +0000\n`;
    stream += data(`commit ${i}`);
    if (i === 0 && tip) stream += `from ${tip}\n`;
    for (const path of commit.remove ?? []) stream += `D ${path}\n`;
    for (const [path, text] of Object.entries(commit.write ?? {})) stream += `M 100644 inline ${path}\n${data(text)}`;
    stream += '\n';
  });
  execFileSync('git', [`--git-dir=${gitDir}`, 'fast-import', '--quiet'], { input: stream });
}

/** The commits of HEAD, oldest first; empty for a repository without any. */
export function commitsOf(gitDir: string): string[] {
  try {
    const out = execFileSync('git', [`--git-dir=${gitDir}`, 'rev-list', '--reverse', 'HEAD'], { encoding: 'utf8', stdio: 'pipe' });
    return out.split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

export function message(id: string, body = 'Hello.\n', extra = ''): string {
  return `From: A <a@example.org>\nSubject: message ${id}\nMessage-ID: <${id}@example.org>\n${extra}\n${body}`;
}

export async function collect(items: AsyncIterable<SourceItem>): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export function rawText(item: SourceItem): string {
  return item.kind === 'message' || item.kind === 'delete' ? item.raw.toString('utf8') : `<${item.kind}>`;
}

export function reasons(items: SourceItem[]): string[] {
  return items.flatMap((item) => (item.kind === 'error' ? [item.reason] : []));
}

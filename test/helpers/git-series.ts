// A small git repository and patches mailed from it with `git format-patch`, as a list would
// carry them: for the tests of `lorelab raw … | git am` and `lorelab am`.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gitIn } from './corpus.js';

export interface MailedPatch {
  messageId: string;
  /** The format-patch output: one message after its From_ line. */
  text: string;
}

/** A repository at `dir` with one commit (README and src/a.c); returns its git runner and base commit. */
export function baseRepo(dir: string): { git: ReturnType<typeof gitIn>; base: string } {
  mkdirSync(join(dir, 'src'), { recursive: true });
  const git = gitIn(dir);
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'README'), 'a tiny tree\n');
  writeFileSync(join(dir, 'src', 'a.c'), 'int a(void)\n{\n\treturn 0;\n}\n');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  return { git, base: git('rev-parse', 'HEAD').trim() };
}

/** Commits one change: `files` written (path → content), with `message` as the commit message. */
export function commit(dir: string, files: Record<string, string>, message: string): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const git = gitIn(dir);
  git('add', '.');
  git('commit', '-q', '-m', message);
}

/** `git format-patch` of base..HEAD into `out`, threaded (shallow), each message parsed back. */
export function formatPatches(dir: string, base: string, out: string, extra: string[] = []): MailedPatch[] {
  gitIn(dir)('format-patch', '-q', '--thread=shallow', '-o', out, ...extra, `${base}..HEAD`);
  return readdirSync(out)
    .filter((name) => name.endsWith('.patch'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(out, name), 'utf8');
      const id = /^Message-ID: <([^>]+)>/im.exec(text)?.[1];
      if (!id) throw new Error(`${name}: format-patch wrote no Message-ID`);
      return { messageId: id, text };
    });
}

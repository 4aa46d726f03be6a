// Running `git` against one repository. Every call names the repository with --git-dir so that a
// directory inside some other checkout is never mistaken for part of it.
import { spawn } from 'node:child_process';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a short git command to completion (small outputs only: counts, shas, tree listings). */
export function runGit(gitDir: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = spawn('git', [`--git-dir=${gitDir}`, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => resolve({ code: -1, stdout: '', stderr: e.message }));
    child.on('close', (code) =>
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8').trim() }),
    );
  });
}

/**
 * Streams the stdout lines of a long git command. Reading is pulled by the consumer, so a slow
 * consumer pauses git through the pipe. Throws, after the last line, if git failed.
 */
export async function* gitLines(gitDir: string, args: string[]): AsyncGenerator<string> {
  const child = spawn('git', [`--git-dir=${gitDir}`, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const err: Buffer[] = [];
  child.stderr.on('data', (c: Buffer) => err.push(c));
  const exited = new Promise<number>((resolve) => {
    child.on('error', () => resolve(-1));
    child.on('close', (code) => resolve(code ?? -1));
  });
  let partial = '';
  let finished = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      const text = partial + chunk.toString('utf8');
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) yield line;
    }
    if (partial) yield partial;
    finished = true;
  } finally {
    if (!finished) child.kill();
  }
  const code = await exited;
  if (code !== 0) {
    throw new Error(`git ${args[0]} failed (exit ${code}): ${Buffer.concat(err).toString('utf8').trim()}`);
  }
}

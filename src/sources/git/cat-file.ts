// One long-lived `git cat-file --batch` per repository: blob ids go in on stdin, contents come
// back in the same order on stdout. The reader asks for a few blobs ahead (see public-inbox.ts),
// so memory holds at most that many messages whatever the size of the epoch. Requests are
// written in batches, not a pipe write (and a wake-up of git) per blob: those writes showed
// in the main thread's profile of an ingest. Git still always has work queued
// (see sendIfLow).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** Requests written at once; and below this many unanswered requests, whatever is queued goes. */
const BATCH = 32;
const LOW = 16;

interface Waiting {
  sha: string;
  resolve: (blob: Buffer | null) => void;
  reject: (error: Error) => void;
}

export class BlobReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Waiting[] = [];
  private chunks: Buffer[] = [];
  /** Bytes still to take for the blob being received (content plus its trailing newline). */
  private bodyLeft = -1;
  private bodyParts: Buffer[] = [];
  private failure: Error | null = null;
  /** Ids asked for but not yet written to git, and ids written but not yet answered. */
  private unsent: string[] = [];
  private inFlight = 0;

  constructor(gitDir: string) {
    this.child = spawn('git', [`--git-dir=${gitDir}`, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stderr: Buffer[] = [];
    this.child.stderr.on('data', (c: Buffer) => stderr.push(c));
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stdin.on('error', () => undefined); // reported through 'close' below
    const fail = (why: string) => {
      this.failure = new Error(`git cat-file --batch in ${gitDir} ${why}: ${Buffer.concat(stderr).toString().trim()}`);
      for (const w of this.waiting.splice(0)) w.reject(this.failure);
    };
    this.child.on('error', (e) => fail(`could not start (${e.message})`));
    this.child.on('close', (code) => {
      if (this.waiting.length > 0) fail(`exited early (code ${code})`);
    });
  }

  /** The blob's bytes, or null when the repository does not have it. */
  read(sha: string): Promise<Buffer | null> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ sha, resolve, reject });
      this.unsent.push(sha);
      if (this.unsent.length >= BATCH) this.send();
      else this.sendIfLow();
    });
  }

  private send(): void {
    if (this.unsent.length === 0) return;
    this.inFlight += this.unsent.length;
    this.child.stdin.write(`${this.unsent.join('\n')}\n`);
    this.unsent = [];
  }

  /**
   * Writes what is queued when git is about to run dry. Every unsent id is therefore either
   * written now or behind at least LOW unanswered ones, whose answers call this again: an
   * awaited blob is always eventually asked for.
   */
  private sendIfLow(): void {
    if (this.inFlight < LOW) this.send();
  }

  close(): void {
    this.child.stdin.end();
    if (this.waiting.length === 0) this.child.kill();
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    for (;;) {
      if (this.bodyLeft >= 0) {
        if (!this.takeBody()) break;
      } else if (!this.takeHeader()) break;
    }
    this.sendIfLow();
  }

  /** Parses `<sha> <type> <size>` or `<sha> missing`; false when the line is not complete yet. */
  private takeHeader(): boolean {
    let nl = this.chunks.length ? this.chunks[0].indexOf(10) : -1;
    while (nl < 0 && this.chunks.length > 1) {
      // Header lines are short: joining the first two chunks costs at most one chunk's copy.
      this.chunks.splice(0, 2, Buffer.concat([this.chunks[0], this.chunks[1]]));
      nl = this.chunks[0].indexOf(10);
    }
    if (nl < 0) return false;
    const line = this.chunks[0].subarray(0, nl).toString('latin1');
    this.consume(nl + 1);
    const words = line.split(' ');
    if (words[1] === 'missing' || words.length < 3) {
      this.inFlight--;
      this.waiting.shift()?.resolve(null);
      return true;
    }
    this.bodyLeft = Number(words[2]) + 1;
    this.bodyParts = [];
    return true;
  }

  private takeBody(): boolean {
    while (this.bodyLeft > 0 && this.chunks.length > 0) {
      const head = this.chunks[0];
      const take = Math.min(head.length, this.bodyLeft);
      this.bodyParts.push(head.subarray(0, take));
      this.consume(take);
      this.bodyLeft -= take;
    }
    if (this.bodyLeft > 0) return false;
    const whole = Buffer.concat(this.bodyParts);
    this.bodyParts = [];
    this.bodyLeft = -1;
    this.inFlight--;
    this.waiting.shift()?.resolve(whole.subarray(0, whole.length - 1)); // drop cat-file's newline
    return true;
  }

  private consume(n: number): void {
    while (n > 0) {
      const head = this.chunks[0];
      if (head.length <= n) {
        this.chunks.shift();
        n -= head.length;
      } else {
        this.chunks[0] = head.subarray(n);
        n = 0;
      }
    }
  }
}

// `lorelab serve` as a user starts it: a clear error without a database, the address printed,
// and a warning when it binds anything but loopback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { lorelab, repoRoot, tempDir } from '../helpers/corpus.js';
import { explorerDb } from './fixture.js';

test('a missing database is a clear error at start, exit 2', () => {
  const dir = tempDir();
  try {
    const run = lorelab(['--db', join(dir.path, 'none.db'), 'serve', '--port', '0']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^lorelab: no database at .*none\.db/);
  } finally {
    dir.cleanup();
  }
});

test('a bad port is a usage error', () => {
  const run = lorelab(['serve', '--port', 'eighty']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--port eighty: expected a number/);
});

/** Starts the server, waits for its address line, fetches `/`, stops it; returns what it said. */
async function serveOnce(host: string): Promise<{ stdout: string; stderr: string; status: number }> {
  const fixture = await explorerDb();
  const child = spawn(process.execPath, [join(repoRoot, 'dist/src/cli/main.js'), '--db', fixture.path, 'serve', '--port', '0', '--host', host]);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        const found = /on (http:\/\/\S+?)\/ /.exec(stdout);
        if (found) resolve(found[1]);
      });
      child.once('exit', () => reject(new Error(`serve exited: ${stderr}`)));
    });
    const local = url.replace('0.0.0.0', '127.0.0.1');
    const response = await fetch(`${local}/`);
    return { stdout, stderr, status: response.status };
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
    fixture.cleanup();
  }
}

test('on loopback it prints the address and says nothing more', async () => {
  const run = await serveOnce('127.0.0.1');
  assert.equal(run.status, 200);
  assert.match(run.stdout, /lorelab explorer on http:\/\/127\.0\.0\.1:\d+\//);
  assert.equal(run.stderr, '');
});

test('bound to every address it says so at start', async () => {
  const run = await serveOnce('0.0.0.0');
  assert.equal(run.status, 200);
  assert.match(run.stderr, /listening on 0\.0\.0\.0, not loopback/);
});

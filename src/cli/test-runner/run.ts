// The node:test run of `lorelab test FILE…`: Node's own test runner in a child process, with
// this package's hooks (register.ts). No TypeScript loader: emitted tests are plain JavaScript
// under a .ts name, loaded as ES modules wherever they are (tsx, where installed, would load a
// .ts file outside a "type": "module" package as CommonJS, past the hooks).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface TestRunOptions {
  /** Extra arguments for node --test (e.g. --test-name-pattern=…). */
  nodeArgs?: string[];
}

/** Runs the files; resolves to the runner's exit status (0: every test passed). */
export function runTestFiles(files: string[], options: TestRunOptions = {}): Promise<number> {
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) return Promise.reject(Object.assign(new Error(`no such test file: ${missing.join(', ')}`), { userFacing: true }));
  const hooks = new URL(`./register${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  const args = ['--import', hooks, '--test', ...(options.nodeArgs ?? []), ...files.map((f) => resolve(f))];
  // Not a test nested in the caller's run (node:test children see NODE_TEST_CONTEXT and stay quiet).
  const { NODE_TEST_CONTEXT: _nested, ...env } = process.env;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env });
    child.on('error', fail);
    child.on('close', (status, signal) => done(status ?? (signal ? 1 : 0)));
  });
}

// lore's own indexer on the same inbox, for a side-by-side ratio: public-inbox-index (Debian's
// package public-inbox) over a copy of the inbox's git epochs, in a throwaway configuration.
// `-L medium` is what lore runs (Xapian positions off, over.sqlite3 and msgmap on).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function havePublicInboxIndex(): boolean {
  return spawnSync('public-inbox-index', ['--help'], { encoding: 'utf8' }).error === undefined;
}

/** Wall seconds of `public-inbox-index -L medium` over a copy of `inbox` (a v2 inbox: git/N.git). */
export function publicInboxIndexSeconds(inbox: string): { seconds: number } | { error: string } {
  const epochs = existsSync(join(inbox, 'git')) ? readdirSync(join(inbox, 'git')).filter((e) => /^\d+\.git$/.test(e)) : [];
  if (epochs.length === 0) return { error: `${inbox} is not a public-inbox v2 inbox (no git/N.git)` };
  const home = mkdtempSync(join(tmpdir(), 'lorelab-pi-'));
  const env = { ...process.env, HOME: home, PI_CONFIG: join(home, 'config') };
  const copy = join(home, 'inbox');
  try {
    const init = spawnSync('public-inbox-init', ['-V2', '-L', 'medium', 'bench', copy, 'http://example.invalid/bench', 'bench@example.invalid'], { env, encoding: 'utf8' });
    if (init.status !== 0) return { error: `public-inbox-init failed: ${init.stderr.trim()}` };
    rmSync(join(copy, 'git'), { recursive: true, force: true });
    mkdirSync(join(copy, 'git'));
    for (const epoch of epochs) cpSync(join(inbox, 'git', epoch), join(copy, 'git', epoch), { recursive: true });
    const started = performance.now();
    const index = spawnSync('public-inbox-index', [copy], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
    const seconds = (performance.now() - started) / 1000;
    if (index.status !== 0) return { error: `public-inbox-index failed (exit ${index.status}): ${index.stderr.trim().split('\n').slice(-3).join(' | ')}` };
    return { seconds };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

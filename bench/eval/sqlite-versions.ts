// Real C code in several real versions: the SQLite amalgamation (deps/sqlite3/sqlite3.c) that
// different releases of better-sqlite3 ship. Older releases are fetched once with `npm pack`
// into a cache folder outside the repository; the installed one is read from node_modules.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SourceVersion {
  label: string;
  text: string;
}

function versionOf(text: string): string {
  return /#define SQLITE_VERSION\s+"([^"]+)"/.exec(text)?.[1] ?? '?';
}

export function sqliteVersions(packages: string[], cacheDir: string, installedRoot: string): SourceVersion[] {
  const out: SourceVersion[] = [];
  mkdirSync(cacheDir, { recursive: true });
  for (const pkg of packages) {
    const dir = join(cacheDir, pkg);
    const file = join(dir, 'package/deps/sqlite3/sqlite3.c');
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      const tgz = execFileSync('npm', ['pack', `better-sqlite3@${pkg}`, '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop()!;
      execFileSync('tar', ['-xzf', tgz, '-C', dir, 'package/deps/sqlite3/sqlite3.c']);
    }
    const text = readFileSync(file, 'utf8');
    out.push({ label: `better-sqlite3@${pkg} (SQLite ${versionOf(text)})`, text });
  }
  const installed = join(installedRoot, 'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c');
  if (existsSync(installed)) {
    const text = readFileSync(installed, 'utf8');
    out.push({ label: `installed better-sqlite3 (SQLite ${versionOf(text)})`, text });
  }
  return out;
}

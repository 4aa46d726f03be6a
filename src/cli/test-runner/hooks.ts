// Module hooks for `lorelab test`: a test file anywhere on disk imports `lorelab` and
// `lorelab/sim` as this installed package (resolved as if imported from inside it, through its
// package.json exports), and a .ts test runs even where no TypeScript loader is installed:
// emitted tests are plain JavaScript under a .ts name.
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { packageRoot } from '../../util/package-root.js';

interface ResolveContext { parentURL?: string; conditions?: string[]; importAttributes?: Record<string, string> }
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string; format?: string | null; shortCircuit?: boolean }>;
interface LoadContext { format?: string | null; conditions?: string[]; importAttributes?: Record<string, string> }
type NextLoad = (url: string, context: LoadContext) => Promise<{ format: string; source?: string | ArrayBuffer | Uint8Array; shortCircuit?: boolean }>;

const inside = pathToFileURL(join(packageRoot(), 'package.json')).href;

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve) {
  if (specifier === 'lorelab' || specifier.startsWith('lorelab/')) return next(specifier, { ...context, parentURL: inside });
  return next(specifier, context);
}

export async function load(url: string, context: LoadContext, next: NextLoad) {
  try {
    return await next(url, context);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_UNKNOWN_FILE_EXTENSION' || !/\.[cm]?ts$/.test(url) || !url.startsWith('file:')) throw error;
    return { format: 'module', source: await readFile(fileURLToPath(url), 'utf8'), shortCircuit: true };
  }
}

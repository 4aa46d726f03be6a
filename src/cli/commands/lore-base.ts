// The lore archive a command talks to or links to: --lore, else $LORELAB_LORE, else lore.kernel.org.
import { CliError } from '../errors.js';

export const DEFAULT_LORE = 'https://lore.kernel.org';

export function loreBase(given?: string): string {
  const base = (given ?? process.env.LORELAB_LORE ?? DEFAULT_LORE).trim().replace(/\/+$/, '');
  if (!/^(https?:\/\/[^/]|file:\/\/)/i.test(base)) throw new CliError(`--lore ${JSON.stringify(base)}: expected an http(s) URL like ${DEFAULT_LORE}`);
  return base;
}

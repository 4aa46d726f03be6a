// The global --db option (default ./lorelab.db, or $LORELAB_DB), read by every command.
import type { Command } from 'commander';

export function dbPath(command: Command): string {
  let root: Command = command;
  while (root.parent) root = root.parent;
  return (root.opts().db as string | undefined) ?? process.env.LORELAB_DB ?? './lorelab.db';
}

// Linking patches to scenarios and replaying the linked races, as the commands that build a
// database (start, history --all) run it after ingesting.
import { startReport, type StartReport } from '../link/index.js';
import type { DB } from '../store/open.js';

export function linkAndReplay(db: DB): StartReport {
  return startReport(db);
}

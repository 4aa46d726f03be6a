// What each scenario models, by provenance: the patches (by `git patch-id --stable`, which
// survives reposts, re-quoting and archives that lost the Message-ID), the messages, and the
// threads. All of it comes from the `facts` of each race file (src/sim/scenarios/*.race.yaml,
// where each fact says where it came from); functions and locks come from the same files.
//
// How the seed patch ids were obtained: `lorelab start --db /tmp/x.db` on corpora/, then
//   sqlite3 /tmp/x.db "select message_id, ordinal, attachment_name, patch_id from patches"
// i.e. lorelab's own gitPatchId (src/patch) over the patches as the seed pages carry them.
import { allScenarios, type ScenarioInfo } from './sim-port.js';

export interface Declaration {
  /** `git patch-id --stable` of each patch the scenario models. */
  patchIds: string[];
  /** Message-IDs (without <>) of the messages carrying the patch or the argument. */
  messageIds: string[];
  /** Thread subjects, as a reader would search for them. */
  threads: string[];
  /** Why these: one line a reviewer can check against the race's story beside its file. */
  note: string;
}

export function declarationOf(s: ScenarioInfo): Declaration {
  return {
    patchIds: s.facts.patches.map((p) => p.patchId),
    messageIds: s.facts.messages.map((m) => m.id),
    threads: s.facts.title ? [s.facts.title] : [],
    note: s.facts.note,
  };
}

export const declarations: Readonly<Record<string, Declaration>> = Object.fromEntries(allScenarios().map((s) => [s.id, declarationOf(s)]));

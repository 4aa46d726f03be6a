// A counterexample as a Mermaid sequence diagram: one participant per actor, one note per
// step, in the order the interleaving ran them. Mail never reaches here, only scenario steps,
// but labels are still made inert: Mermaid reads '#…;' entities and ';' ends a statement.
import type { CounterexampleStep } from './types.js';

const ENTITIES: Record<string, string> = { '#': '#35;', ';': '#59;', '<': '#lt;', '>': '#gt;' };

function mermaidText(text: string): string {
  // One pass, so the entities' own '#' and ';' are not escaped again.
  return text.replace(/\s+/g, ' ').trim().replace(/[#;<>]/g, (c) => ENTITIES[c]);
}

/** Participant ids must be plain words; the display name is given with `as`. */
function actorId(index: number): string {
  return `A${index + 1}`;
}

export function counterexampleToMermaid(steps: CounterexampleStep[]): string {
  const actors: string[] = [];
  for (const step of steps) if (!actors.includes(step.thread)) actors.push(step.thread);
  const lines = ['sequenceDiagram'];
  actors.forEach((actor, i) => lines.push(`  participant ${actorId(i)} as ${mermaidText(actor)}`));
  let previous: number | null = null;
  steps.forEach((step, n) => {
    const actor = actors.indexOf(step.thread);
    // An arrow marks each switch of actor, so the interleaving reads as a hand-over.
    if (previous !== null && previous !== actor) {
      lines.push(`  ${actorId(previous)}-->>${actorId(actor)}: switch`);
    }
    lines.push(`  Note over ${actorId(actor)}: ${n + 1}. ${mermaidText(step.label)}`);
    previous = actor;
  });
  return lines.join('\n');
}

// A scenario variant as a Promela model (for `lorelab sim export --promela`), by id or race-file path.
import { lookup } from './catalog.js';
import { exportPromela } from './promela/export.js';

export function exportVariant(scenarioId: string, variantName: string, copies?: Record<string, number>): { text: string } | { error: string } {
  const found = lookup(scenarioId, variantName);
  if (!found.ok) return { error: found.error };
  const r = exportPromela(found.variant.source, copies ? { ...found.variant.source.copies, ...copies } : undefined);
  return r.ok ? { text: r.text } : { error: r.error };
}

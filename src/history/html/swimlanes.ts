// An interleaving drawn as SVG swimlanes: one horizontal lane per actor, one box per step,
// steps left to right in the order they ran, an arrow where control passes to another lane.
import { html, type SafeHtml } from './escape.js';

export interface LaneEvent {
  lane: string;
  label: string;
}

const LANE_HEIGHT = 64;
const LANE_LABEL_WIDTH = 150;
const STEP_WIDTH = 176;
const BOX_WIDTH = 164;
const BOX_HEIGHT = 48;
const LABEL_CHARS = 26;

function clip(text: string, chars: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= chars ? flat : `${flat.slice(0, chars - 1)}…`;
}

/** Splits a label at a space near the box width; the second line is clipped. */
function twoLines(label: string): [string, string] {
  const flat = label.replace(/\s+/g, ' ').trim();
  if (flat.length <= LABEL_CHARS) return [flat, ''];
  const cut = flat.lastIndexOf(' ', LABEL_CHARS);
  const at = cut > LABEL_CHARS / 2 ? cut : LABEL_CHARS;
  return [flat.slice(0, at), flat.slice(at).trim()];
}

export function swimlanesSvg(events: LaneEvent[], caption: string): SafeHtml {
  const lanes: string[] = [];
  for (const e of events) if (!lanes.includes(e.lane)) lanes.push(e.lane);
  const width = LANE_LABEL_WIDTH + Math.max(events.length, 1) * STEP_WIDTH + 10;
  const height = Math.max(lanes.length, 1) * LANE_HEIGHT + 10;
  const laneY = (lane: string) => 5 + lanes.indexOf(lane) * LANE_HEIGHT;
  const stepX = (n: number) => LANE_LABEL_WIDTH + n * STEP_WIDTH;

  const laneRows = lanes.map((lane, i) => html`
    <rect class="lane lane-${i % 2}" x="0" y="${laneY(lane)}" width="${width}" height="${LANE_HEIGHT}"/>
    <text class="lane-name" x="8" y="${laneY(lane) + LANE_HEIGHT / 2 + 4}">${clip(lane, 20)}<title>${lane}</title></text>`);
  const arrows = events.slice(1).map((e, i) => {
    const prev = events[i];
    if (prev.lane === e.lane) return null;
    const x1 = stepX(i) + BOX_WIDTH;
    const y1 = laneY(prev.lane) + LANE_HEIGHT / 2;
    const x2 = stepX(i + 1);
    const y2 = laneY(e.lane) + LANE_HEIGHT / 2;
    return html`<line class="handover" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" marker-end="url(#arrow)"/>`;
  });
  const boxes = events.map((e, n) => {
    const x = stepX(n);
    const y = laneY(e.lane) + (LANE_HEIGHT - BOX_HEIGHT) / 2;
    const [firstLine, rest] = twoLines(e.label);
    return html`<g class="step"><title>${n + 1}. ${e.lane}: ${e.label}</title>
      <rect x="${x}" y="${y}" width="${BOX_WIDTH}" height="${BOX_HEIGHT}" rx="5"/>
      <text x="${x + 6}" y="${y + 14}" class="step-n">${n + 1}</text>
      <text x="${x + 6}" y="${y + 28}">${firstLine}</text>
      <text x="${x + 6}" y="${y + 42}">${clip(rest, LABEL_CHARS)}</text></g>`;
  });
  return html`<figure class="swimlanes"><svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
    <title>${caption}</title>
    <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>
    ${laneRows}${arrows}${boxes}
  </svg><figcaption>${caption}</figcaption></figure>`;
}

// Body segmentation: see README.md.
export { segmentBody, type SegmentOptions } from './segment.js';
export { parseAttributionText, nameAndAddress } from './attribution.js';
export { segmentTexts } from './lines.js';
export type { Segment, SegmentKind, Paragraph, AttributionParse } from './types.js';

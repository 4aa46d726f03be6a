// Quote attribution and reply edges: see README.md.
export { attributeQuotes, type ReplyMessage } from './attribute.js';
export type { Ancestor, QuoteRow, QuoteResolution, ReplyEdge, ParagraphRef, QuoteAttribution } from './types.js';

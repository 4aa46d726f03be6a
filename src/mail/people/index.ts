// People identity: see README.md.
export { normalisePeople } from './normalise.js';
export { resolveSender } from './sender.js';
export { normaliseName, parseMailbox, cleanAddress, cleanDisplayName } from './names.js';
export type { PersonSighting, Person, PeopleResult, SenderIdentity, RewriteSource } from './types.js';

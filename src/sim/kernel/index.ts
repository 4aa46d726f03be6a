// The kernel model: plain data types and small helpers that scenarios compose into their state.
export * from './page.js';
export * from './page-cache.js';
export * from './locks.js';
export * from './mm.js';
export * from './seqcount.js';
export * from './rcu.js';
export * from './futex.js';

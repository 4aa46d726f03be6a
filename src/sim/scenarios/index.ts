// Every scenario, in seed order.
import { futexCowFork } from './futex-cow-fork.js';
import { gupWriteback } from './gup-writeback.js';
import { mapPagesLock } from './map-pages-lock.js';
import { srcuVma } from './srcu-vma.js';
import { truncateNopage } from './truncate-nopage.js';
import type { Scenario } from './types.js';

export const scenarios: readonly Scenario[] = [truncateNopage, futexCowFork, gupWriteback, srcuVma, mapPagesLock];
export type { Scenario, Variant, VariantKind, InvariantInfo, ModelledCode } from './types.js';

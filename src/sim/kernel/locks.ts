// Locks as plain state. Owners are deliberately not recorded in the shared state (a thread
// knows what it holds from its own program counter), which keeps identical threads
// interchangeable for the explorer's symmetry reduction. Blocking is expressed by a step's
// guard: `canLock(l)` / `canRead(s)` / `canWrite(s)`.
import { ModelFault } from '../engine/types.js';

/** A spinlock or mutex or semaphore used as one (page_table_lock, i_sem in 2003). */
export interface Lock {
  held: boolean;
}

/** A reader/writer semaphore (mmap_sem, a per-VMA lock). */
export interface RwSem {
  readers: number;
  writer: boolean;
}

export const unlocked = (): Lock => ({ held: false });
export const rwsem = (): RwSem => ({ readers: 0, writer: false });

export const canLock = (l: Lock): boolean => !l.held;

export function lock(l: Lock, name: string): void {
  if (l.held) throw new ModelFault('lock', `${name} taken while held (the step's guard should have waited)`);
  l.held = true;
}

export function unlock(l: Lock, name: string): void {
  if (!l.held) throw new ModelFault('lock', `${name} released while not held`);
  l.held = false;
}

export const canRead = (s: RwSem): boolean => !s.writer;
export const canWrite = (s: RwSem): boolean => !s.writer && s.readers === 0;

export function downRead(s: RwSem, name: string): void {
  if (s.writer) throw new ModelFault('lock', `down_read(${name}) while write-held`);
  s.readers++;
}

export function upRead(s: RwSem, name: string): void {
  if (s.readers <= 0) throw new ModelFault('lock', `up_read(${name}) without a reader`);
  s.readers--;
}

export function downWrite(s: RwSem, name: string): void {
  if (!canWrite(s)) throw new ModelFault('lock', `down_write(${name}) while held`);
  s.writer = true;
}

export function upWrite(s: RwSem, name: string): void {
  if (!s.writer) throw new ModelFault('lock', `up_write(${name}) while not write-held`);
  s.writer = false;
}

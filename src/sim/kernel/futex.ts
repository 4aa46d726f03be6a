// The futex hash: key → queued waiters. A key is a string: 'page:P1+0' for the 2002
// physical-page keys, 'mm:parent+0x10' for the (mm, address) keys the kernel adopted.
// Waiters are thread indices; `woken` records who has been woken.

export interface FutexHash {
  queues: Record<string, number[]>;
  woken: number[];
}

export const futexHash = (): FutexHash => ({ queues: {}, woken: [] });

export function queueMe(h: FutexHash, key: string, thread: number): void {
  (h.queues[key] ??= []).push(thread);
}

export function unqueueMe(h: FutexHash, key: string, thread: number): void {
  const q = h.queues[key];
  if (!q) return;
  h.queues[key] = q.filter((t) => t !== thread);
  if (h.queues[key].length === 0) delete h.queues[key];
}

/** futex_wake: wakes every waiter hashed on `key`; returns how many. */
export function wake(h: FutexHash, key: string): number {
  const q = h.queues[key] ?? [];
  delete h.queues[key];
  h.woken.push(...q);
  return q.length;
}

export const isWoken = (h: FutexHash, thread: number): boolean => h.woken.includes(thread);

/** The key a queued thread waits on, if any. */
export function keyOf(h: FutexHash, thread: number): string | null {
  for (const [key, q] of Object.entries(h.queues)) if (q.includes(thread)) return key;
  return null;
}

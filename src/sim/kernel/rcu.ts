// RCU and SRCU read-side sections and grace periods with deferred callbacks. Each read-side
// critical section gets a ticket; a callback queued by call_rcu/call_srcu waits for the
// tickets active when it was queued, so a reader that enters later does not hold it up.
import { ModelFault } from '../engine/types.js';

export interface RcuDomain {
  nextTicket: number;
  /** Tickets of the read-side sections now active. */
  active: number[];
  /** Deferred callbacks: what they free and the readers they wait for. */
  callbacks: { frees: string; waitFor: number[] }[];
}

export const rcuDomain = (): RcuDomain => ({ nextTicket: 1, active: [], callbacks: [] });

/** rcu_read_lock / srcu_read_lock: returns the ticket the reader keeps in its locals. */
export function readLock(d: RcuDomain): number {
  const ticket = d.nextTicket++;
  d.active.push(ticket);
  return ticket;
}

export function readUnlock(d: RcuDomain, ticket: number): void {
  const at = d.active.indexOf(ticket);
  if (at < 0) throw new ModelFault('rcu', `read unlock of ticket ${ticket} that is not held`);
  d.active.splice(at, 1);
}

/** call_rcu / call_srcu: defer freeing `frees` until the current readers are gone. */
export function callRcu(d: RcuDomain, frees: string): void {
  d.callbacks.push({ frees, waitFor: d.active.slice() });
}

/** Has a grace period elapsed for the oldest callback? */
export function graceElapsed(d: RcuDomain): boolean {
  const cb = d.callbacks[0];
  return !!cb && cb.waitFor.every((t) => !d.active.includes(t));
}

/** Runs the oldest callback whose grace period has elapsed; returns what it frees. */
export function runCallback(d: RcuDomain): string {
  if (!graceElapsed(d)) throw new ModelFault('rcu', 'callback run before its grace period');
  return (d.callbacks.shift() as { frees: string }).frees;
}

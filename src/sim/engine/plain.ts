// Cloning and serialisation of plain model state.
//  - `stateKey` is the fast key the explorer hashes: native JSON. Objects built by the kernel
//    helpers keep a fixed key order (and integer-like keys are always ascending in JS), so equal
//    states give equal keys. A model that builds equal objects with different key orders only
//    loses reduction (two keys for one state), never soundness.
//  - `canonical` sorts keys: slower, order-proof; used where a key must not depend on how an
//    object was built (tests, and anyone comparing states across models).
import type { Plain } from './types.js';

export function clonePlain<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = clonePlain(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = clonePlain((value as Record<string, unknown>)[key]);
  return out as T;
}

/** A shallow copy of `value` with only the `keys` given copied deeply (a step's write set). */
export function cloneSome<T>(value: T, keys: readonly string[]): T {
  const out = { ...(value as Record<string, unknown>) };
  for (const key of keys) if (key in out) out[key] = clonePlain(out[key]);
  return out as T;
}

export function stateKey(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}

export function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'n';
  switch (typeof value) {
    case 'number':
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        let s = '[';
        for (let i = 0; i < value.length; i++) s += (i ? ',' : '') + canonical(value[i]);
        return s + ']';
      }
      const obj = value as Record<string, Plain>;
      const keys = Object.keys(obj).sort();
      let s = '{';
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (obj[key] === undefined) continue;
        s += (s.length > 1 ? ',' : '') + key + ':' + canonical(obj[key]);
      }
      return s + '}';
    }
    default:
      throw new TypeError(`model state holds a ${typeof value}; only plain data is allowed`);
  }
}

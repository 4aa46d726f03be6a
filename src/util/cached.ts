// A lookup by key with a cache that is emptied when full: the passes over the graph look up the
// same few nearby messages again and again, but must not end up holding a copy of the archive.

export function cached<T>(lookup: (key: string) => T, size: number): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= size) cache.clear();
      value = lookup(key);
      cache.set(key, value);
    }
    return value;
  };
}

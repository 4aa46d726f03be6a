// The bounds on messages under way. Messages are analysed concurrently (worker threads) but
// stored in input order, so "the first copy wins" means the same on every run. Those being
// analysed, and those analysed and waiting to be written, are bounded in number and in raw
// bytes: lore mail is a few KB, and 256 messages of several MB each (with their parsed copies)
// would otherwise be held at once.

export interface Bounds {
  /** Items at most… */
  count: number;
  /** …and raw bytes at most (the one that is reached first binds). */
  bytes: number;
}

/** Items under way (promises), taken back oldest first. */
export class InOrderWindow<T> {
  private readonly items: Array<{ value: Promise<T>; bytes: number }> = [];
  private bytes = 0;

  constructor(private readonly bounds: Bounds) {}

  push(value: Promise<T>, bytes: number): void {
    this.items.push({ value, bytes });
    this.bytes += bytes;
  }

  get full(): boolean {
    return this.items.length >= this.bounds.count || this.bytes >= this.bounds.bytes;
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  /** The oldest item, once ready, with its size. */
  async take(): Promise<{ value: T; bytes: number }> {
    const next = this.items.shift()!;
    this.bytes -= next.bytes;
    return { value: await next.value, bytes: next.bytes };
  }
}

/** Ready items gathered into a batch until it reaches its bounds. */
export class Batch<T> {
  private items: T[] = [];
  private sizes: number[] = [];
  private bytes = 0;

  constructor(private readonly bounds: Bounds) {}

  /** Adds one item; true once the batch is full. */
  add(item: T, bytes: number): boolean {
    this.items.push(item);
    this.sizes.push(bytes);
    this.bytes += bytes;
    return this.items.length >= this.bounds.count || this.bytes >= this.bounds.bytes;
  }

  /** The items so far and their sizes; the batch starts again empty. */
  drain(): { items: T[]; sizes: number[] } {
    const drained = { items: this.items, sizes: this.sizes };
    this.items = [];
    this.sizes = [];
    this.bytes = 0;
    return drained;
  }
}

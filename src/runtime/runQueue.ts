/** A growable ring buffer: the scheduler's FIFO run queue. */
export class RunQueue<T> {
  private buf: (T | undefined)[] = new Array<T | undefined>(1024);
  private head = 0;
  private len = 0;

  get size(): number {
    return this.len;
  }

  push(item: T): void {
    if (this.len === this.buf.length) this.grow();
    this.buf[(this.head + this.len) & (this.buf.length - 1)] = item;
    this.len++;
  }

  shift(): T | undefined {
    if (this.len === 0) return undefined;
    const item = this.buf[this.head];
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.len--;
    return item;
  }

  /** Removes and returns the item at offset i (for the seeded shuffle). */
  takeAt(i: number): T | undefined {
    const mask = this.buf.length - 1;
    const idx = (this.head + i) & mask;
    const item = this.buf[idx];
    this.buf[idx] = this.buf[this.head];
    return (this.shift(), item);
  }

  private grow(): void {
    const next = new Array<T | undefined>(this.buf.length * 2);
    for (let i = 0; i < this.len; i++) next[i] = this.buf[(this.head + i) & (this.buf.length - 1)];
    this.buf = next;
    this.head = 0;
  }
}

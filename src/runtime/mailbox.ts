/**
 * A message queue as a ring buffer that grows by doubling, with removal from
 * the middle for selective receive. Most mailboxes hold zero or one message,
 * so it starts at four slots and the common case (take the first) is O(1)
 * with no allocation.
 */
export class Mailbox<T> {
  private buf: (T | undefined)[] = [undefined, undefined, undefined, undefined];
  private head = 0;
  private len = 0;
  /** How many messages were ever pushed: a receive mark (see `Ctx.mark`). */
  pushed = 0;

  get size(): number {
    return this.len;
  }

  push(item: T): void {
    this.pushed++;
    const buf = this.buf;
    if (this.len === buf.length) {
      this.grow();
      this.buf[this.len++] = item;
      return;
    }
    buf[(this.head + this.len) & (buf.length - 1)] = item;
    this.len++;
  }

  /** The i-th queued item (0 = oldest). */
  at(i: number): T {
    return this.buf[(this.head + i) & (this.buf.length - 1)] as T;
  }

  /** Removes the i-th queued item, keeping the others in order. */
  removeAt(i: number): void {
    const buf = this.buf;
    const mask = buf.length - 1;
    if (i === 0) {
      buf[this.head] = undefined;
      this.head = (this.head + 1) & mask;
    } else {
      for (let k = i; k < this.len - 1; k++)
        buf[(this.head + k) & mask] = buf[(this.head + k + 1) & mask];
      buf[(this.head + this.len - 1) & mask] = undefined;
    }
    this.len--;
  }

  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.len; i++) out.push(this.at(i));
    return out;
  }

  private grow(): void {
    const old = this.buf;
    const next = new Array<T | undefined>(old.length * 2).fill(undefined);
    for (let i = 0; i < this.len; i++) next[i] = old[(this.head + i) & (old.length - 1)];
    this.buf = next;
    this.head = 0;
  }
}

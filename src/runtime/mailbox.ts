/**
 * A FIFO queue with removal from the middle, for selective receive.
 * Consumed slots at the head are reclaimed lazily so the common case
 * (take the first message) is O(1).
 */
export class Mailbox<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** The i-th queued item (0 = oldest). */
  at(i: number): T {
    return this.items[this.head + i] as T;
  }

  /** Removes the i-th queued item. */
  removeAt(i: number): void {
    if (i === 0) {
      this.items[this.head] = undefined;
      this.head++;
      if (this.head === this.items.length) {
        this.items.length = 0;
        this.head = 0;
      } else if (this.head > 64 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
    } else {
      this.items.splice(this.head + i, 1);
    }
  }

  toArray(): T[] {
    return this.items.slice(this.head) as T[];
  }
}

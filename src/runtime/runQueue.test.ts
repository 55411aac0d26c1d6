import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunQueue } from './runQueue';

describe('RunQueue', () => {
  it('is FIFO, and takeAt removes the i-th item (moving the head into its slot), past its initial size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant<'shift'>('shift'), fc.nat(), fc.constant<'push'>('push')), {
          maxLength: 3000,
        }),
        (ops) => {
          const q = new RunQueue<number>();
          const model: number[] = [];
          let n = 0;
          for (const op of ops) {
            if (op === 'push') {
              q.push(n);
              model.push(n++);
            } else if (op === 'shift') expect(q.shift()).toBe(model.shift());
            else if (model.length > 0) {
              const i = op % model.length;
              expect(q.takeAt(i)).toBe(model[i]);
              model[i] = model[0] as number;
              model.shift();
            }
            expect(q.size).toBe(model.length);
          }
          const rest: number[] = [];
          for (let x = q.shift(); x !== undefined; x = q.shift()) rest.push(x);
          expect(rest).toEqual(model);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('RunQueue growth', () => {
  it('keeps FIFO order past its initial 1024 slots, with the head wrapped around', () => {
    const q = new RunQueue<number>();
    for (let i = 0; i < 1000; i++) q.push(i);
    for (let i = 0; i < 600; i++) q.shift();
    for (let i = 1000; i < 3000; i++) q.push(i);
    const out: number[] = [];
    for (let x = q.shift(); x !== undefined; x = q.shift()) out.push(x);
    expect(out).toEqual(Array.from({ length: 2400 }, (_, i) => i + 600));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Mailbox } from './mailbox';

type MbOp = { push: number } | { remove: number };
const opsArb = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.integer().map((push): MbOp => ({ push })) },
    { weight: 2, arbitrary: fc.nat().map((remove): MbOp => ({ remove })) },
  ),
  { maxLength: 200 },
);

describe('Mailbox', () => {
  it('behaves like an array under any mix of pushes and removals from anywhere', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const mb = new Mailbox<number>();
        const model: number[] = [];
        let pushed = 0;
        for (const op of ops) {
          if ('push' in op) {
            mb.push(op.push);
            model.push(op.push);
            pushed++;
          } else if (model.length > 0) {
            const i = op.remove % model.length;
            expect(mb.at(i)).toBe(model[i]);
            mb.removeAt(i);
            model.splice(i, 1);
          }
          expect(mb.size).toBe(model.length);
          expect(mb.pushed).toBe(pushed);
        }
        expect(mb.toArray()).toEqual(model);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps order across growth while the ring has wrapped around', () => {
    const mb = new Mailbox<number>();
    for (let i = 0; i < 3; i++) mb.push(i);
    mb.removeAt(0);
    mb.removeAt(0);
    for (let i = 3; i < 20; i++) mb.push(i);
    mb.removeAt(5);
    expect(mb.toArray()).toEqual([2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });
});

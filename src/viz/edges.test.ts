import { describe, expect, it } from 'vitest';
import { DEFAULT_BOW, clearBow } from './edges';
import { NODE_R } from './theme';

/** The quadratic from s to t bowed by `bow`, sampled. */
const samples = (s: { x: number; y: number }, t: { x: number; y: number }, bow: number) => {
  const c = { x: (s.x + t.x) / 2 + (t.y - s.y) * bow, y: (s.y + t.y) / 2 - (t.x - s.x) * bow };
  return Array.from({ length: 49 }, (_, i) => {
    const p = (i + 1) / 50;
    const q = 1 - p;
    return {
      x: q * q * s.x + 2 * q * p * c.x + p * p * t.x,
      y: q * q * s.y + 2 * q * p * c.y + p * p * t.y,
    };
  });
};

describe('clearBow', () => {
  const row = [0, 78, 156, 234].map((x) => ({ x, y: 100 }));

  it('keeps the gentle default arc when nothing is in the way', () => {
    expect(clearBow(row[0]!, row[1]!, row)).toBe(DEFAULT_BOW);
  });

  it('bows a link between siblings round the ones between them (counter–ticker over kv_store)', () => {
    const [counter, kv, ticker] = row;
    const bow = clearBow(counter!, ticker!, row);
    expect(bow).not.toBe(DEFAULT_BOW);
    for (const p of samples(counter!, ticker!, bow))
      expect(Math.hypot(p.x - kv!.x, p.y - kv!.y)).toBeGreaterThan(NODE_R);
    // The default arc did cross kv_store's shape.
    expect(
      samples(counter!, ticker!, DEFAULT_BOW).some(
        (p) => Math.hypot(p.x - kv!.x, p.y - kv!.y) < NODE_R,
      ),
    ).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { Pacer } from './pacer';

describe('Pacer', () => {
  it('lets a cheap step run every time, and holds a costly one to its share of the time', () => {
    let t = 0;
    const pacer = new Pacer(0.25, () => t);
    pacer.run(() => (t += 1));
    expect(pacer.wait()).toBe(3);
    t += 3;
    expect(pacer.wait()).toBe(0);
    pacer.run(() => (t += 100));
    // 100 ms of work: the next run waits 300 ms, so the step takes a quarter of the time.
    expect(pacer.wait()).toBe(300);
    t += 200;
    expect(pacer.wait()).toBe(100);
  });

  it('times a run that ends later, and holds the next one until then', () => {
    let t = 0;
    const pacer = new Pacer(0.5, () => t);
    const done = pacer.begin();
    t += 10;
    expect(pacer.wait()).toBe(990);
    t += 30;
    done();
    expect(pacer.wait()).toBe(40);
  });
});

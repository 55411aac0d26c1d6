import { describe, expect, it } from 'vitest';
import {
  InvariantError,
  asError,
  clampSpeed,
  describeError,
  err,
  invariant,
  isWirePid,
  ok,
  pairKey,
  pidKey,
  speedProblem,
} from './index';

describe('base', () => {
  it('tells a plain { node, id } pid from maps that merely have those keys', () => {
    expect(isWirePid(structuredClone({ node: 1, id: 5 }))).toBe(true);
    expect(isWirePid({ node: 1, id: 5, extra: 0 })).toBe(false);
    expect(isWirePid({ node: 1.5, id: 5 })).toBe(false);
    expect(isWirePid([1, 5])).toBe(false);
    expect(isWirePid(null)).toBe(false);
    expect(pidKey({ node: 1, id: 5 })).toBe('<1.5.0>');
  });

  it('names a pair of nodes the same in either order', () => {
    expect(pairKey(2, 1)).toBe('1:2');
    expect(pairKey(1, 2)).toBe('1:2');
  });

  it('clamps a speed, and says why the host would refuse one', () => {
    expect(clampSpeed(20)).toBe(10);
    expect(clampSpeed(0)).toBe(0.1);
    expect(clampSpeed(Number.NaN)).toBe(0.5);
    expect(speedProblem(2)).toBeUndefined();
    expect(speedProblem(20)).toBe('speed must be between 0.1 and 10, got 20');
  });

  it('describes anything thrown', () => {
    expect(describeError(new TypeError('x is undefined'))).toBe('x is undefined');
    expect(describeError(new TypeError('x'), { withName: true })).toBe('TypeError: x');
    expect(describeError('boom', { withName: true })).toBe('boom');
    expect(asError('boom').message).toBe('boom');
  });

  it('asserts, and builds results', () => {
    expect(() => invariant(false, 'BUG: no')).toThrow(InvariantError);
    expect(ok(1)).toEqual({ ok: true, value: 1 });
    expect(err('missing: node 3')).toEqual({ ok: false, error: 'missing: node 3' });
  });
});

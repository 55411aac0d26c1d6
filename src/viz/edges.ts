import type { Pt } from './traffic';
import { NODE_R } from './theme';

/**
 * Parent to child: a vertical S-curve from below the parent's label
 * (`below`: px under the parent's centre) to the child's top.
 */
export function treePath(s: Pt, t: Pt, below = NODE_R): string {
  const sy = s.y + below;
  const ty = t.y - NODE_R;
  const my = (sy + ty) / 2;
  return `M${f(s.x)},${f(sy)}C${f(s.x)},${f(my)} ${f(t.x)},${f(my)} ${f(t.x)},${f(ty)}`;
}

/**
 * A link or monitor: an arc bowed to the left of the direction of travel
 * (the same curve messages fly along). `trim` pulls the end back from the
 * target's centre, so an arrowhead shows outside the shape.
 */
export function arcPath(s: Pt, t: Pt, trim = 0, bow = DEFAULT_BOW): string {
  const dx = t.x - s.x;
  const dy = t.y - s.y;
  const len = Math.hypot(dx, dy) || 1;
  const end =
    trim > 0 && len > trim * 2 ? { x: t.x - (dx / len) * trim, y: t.y - (dy / len) * trim } : t;
  const { x: cx, y: cy } = control(s, t, bow);
  return `M${f(s.x)},${f(s.y)}Q${f(cx)},${f(cy)} ${f(end.x)},${f(end.y)}`;
}

/** How far an arc bows, as a share of its length (the dots' curve, traffic.ts `along`). */
export const DEFAULT_BOW = 0.15;
/** Bows tried in turn, smallest first, either side, until one clears every process. */
const BOWS = [0.15, -0.15, 0.3, -0.3, 0.5, -0.5, 0.75, -0.75, 1, -1];

const control = (s: Pt, t: Pt, bow: number): Pt => ({
  x: (s.x + t.x) / 2 + (t.y - s.y) * bow,
  y: (s.y + t.y) / 2 - (t.x - s.x) * bow,
});

/**
 * The bow for a link or monitor from `s` to `t` that passes no other process (`others`: their
 * centres): a shape and the label under it are kept `CLEAR` px off the curve. Siblings far apart
 * in a row need a high arc, or the edge would run through the ones between and read as two
 * links. The first bow that clears wins; none clearing, the default.
 */
export function clearBow(s: Pt, t: Pt, others: readonly Pt[]): number {
  const near = (o: Pt): boolean =>
    o.x >= Math.min(s.x, t.x) - 40 &&
    o.x <= Math.max(s.x, t.x) + 40 &&
    !(Math.abs(o.x - s.x) < 1 && Math.abs(o.y - s.y) < 1) &&
    !(Math.abs(o.x - t.x) < 1 && Math.abs(o.y - t.y) < 1);
  const obstacles = others.filter(near);
  if (obstacles.length === 0) return DEFAULT_BOW;
  for (const bow of BOWS) {
    const c = control(s, t, bow);
    let clear = true;
    for (let i = 1; i < 24 && clear; i++) {
      const p = i / 24;
      const q = 1 - p;
      const x = q * q * s.x + 2 * q * p * c.x + p * p * t.x;
      const y = q * q * s.y + 2 * q * p * c.y + p * p * t.y;
      for (const o of obstacles) {
        // The shape (a circle round the centre) and the label below it (a box).
        if (Math.hypot(x - o.x, y - o.y) < NODE_R + CLEAR) clear = false;
        else if (Math.abs(x - o.x) < 30 && y > o.y && y < o.y + NODE_R + 20) clear = false;
        if (!clear) break;
      }
    }
    if (clear) return bow;
  }
  return DEFAULT_BOW;
}
const CLEAR = 6;

const f = (n: number): string => n.toFixed(1);

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
export function arcPath(s: Pt, t: Pt, trim = 0): string {
  const dx = t.x - s.x;
  const dy = t.y - s.y;
  const len = Math.hypot(dx, dy) || 1;
  const end =
    trim > 0 && len > trim * 2 ? { x: t.x - (dx / len) * trim, y: t.y - (dy / len) * trim } : t;
  const cx = (s.x + t.x) / 2 + dy * 0.15;
  const cy = (s.y + t.y) / 2 - dx * 0.15;
  return `M${f(s.x)},${f(s.y)}Q${f(cx)},${f(cy)} ${f(end.x)},${f(end.y)}`;
}

const f = (n: number): string => n.toFixed(1);

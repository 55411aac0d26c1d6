import type { Layout, LayoutNode } from './layout';

/**
 * Arrow-key moves between drawn processes: Up to the parent, Down to the
 * first child, Left/Right to the previous/next sibling (roots of all BEAM
 * nodes count as siblings), Home/End to the first/last process. Pure, so it
 * is tested without a DOM.
 */

const childrenIndex = new WeakMap<Layout, Map<string, LayoutNode[]>>();

function siblingsOf(l: Layout): Map<string, LayoutNode[]> {
  let idx = childrenIndex.get(l);
  if (idx !== undefined) return idx;
  idx = new Map();
  for (const n of l.nodes) {
    const k = n.parent ?? '';
    const list = idx.get(k);
    if (list === undefined) idx.set(k, [n]);
    else list.push(n);
  }
  // Reading order: packed rows of leaves top to bottom, each left to right.
  for (const list of idx.values()) list.sort((a, b) => a.y - b.y || a.x - b.x);
  childrenIndex.set(l, idx);
  return idx;
}

/** The layout id the key moves to from `id`, or undefined if it does not move. */
export function neighbour(l: Layout, id: string, key: string): string | undefined {
  const n = l.byId.get(id);
  if (n === undefined) return l.nodes[0]?.id;
  const idx = siblingsOf(l);
  switch (key) {
    case 'ArrowUp':
      return n.parent;
    case 'ArrowDown':
      return idx.get(n.id)?.[0]?.id;
    case 'ArrowLeft':
    case 'ArrowRight': {
      const sibs = idx.get(n.parent ?? '') ?? [];
      const i = sibs.findIndex((s) => s.id === n.id);
      return sibs[i + (key === 'ArrowLeft' ? -1 : 1)]?.id;
    }
    case 'Home':
      return l.nodes[0]?.id;
    case 'End':
      return l.nodes[l.nodes.length - 1]?.id;
    default:
      return undefined;
  }
}

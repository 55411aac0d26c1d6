import type { Pid } from './term';

/** A node of the red-black tree {@link exitOrder} builds. */
interface RbNode {
  pid: Pid;
  red: boolean;
  left: RbNode | null;
  right: RbNode | null;
  parent: RbNode | null;
}

/** Pid term order: node, then number (ERTS compares local pids by number). */
const before = (a: Pid, b: Pid): boolean => a.node < b.node || (a.node === b.node && a.id < b.id);

/**
 * The order in which a dying process's exit signals reach its linked
 * processes. ERTS keeps a process's links in a red-black tree keyed by the
 * other pid and tears it down children first (post-order), so the order is
 * neither link order nor pid order: linked in the order C, A, D, B (pids
 * A < B < C < D), the signals go to B, A, D, C. Checked against OTP 25.
 *
 * Deliberate simplification: the tree is rebuilt from the links a process
 * holds now, in the order they were made; ERTS's tree also carries the shape
 * that removed links left behind.
 */
export function exitOrder(links: Iterable<Pid>): Pid[] {
  let root: RbNode | null = null;
  for (const pid of links) root = insert(root, pid);
  const out: Pid[] = [];
  // Post-order without recursion: a tree can hold 10,000 links.
  const stack: RbNode[] = [];
  let last: RbNode | null = null;
  let n: RbNode | null = root;
  while (n !== null || stack.length > 0) {
    if (n !== null) {
      stack.push(n);
      n = n.left;
      continue;
    }
    const top = stack[stack.length - 1] as RbNode;
    if (top.right !== null && last !== top.right) n = top.right;
    else {
      out.push(top.pid);
      last = stack.pop() as RbNode;
    }
  }
  return out;
}

function insert(root: RbNode | null, pid: Pid): RbNode {
  const z: RbNode = { pid, red: true, left: null, right: null, parent: null };
  let y: RbNode | null = null;
  let x = root;
  while (x !== null) {
    y = x;
    x = before(pid, x.pid) ? x.left : x.right;
  }
  z.parent = y;
  if (y === null) root = z;
  else if (before(pid, y.pid)) y.left = z;
  else y.right = z;
  return fixUp(root as RbNode, z);
}

/** CLRS RB-INSERT-FIXUP; returns the (possibly new) root. */
function fixUp(root: RbNode, z: RbNode): RbNode {
  while (z.parent?.red === true) {
    const p = z.parent;
    const g = p.parent as RbNode;
    const leftSide = p === g.left;
    const uncle = leftSide ? g.right : g.left;
    if (uncle?.red === true) {
      p.red = false;
      uncle.red = false;
      g.red = true;
      z = g;
      continue;
    }
    if (z === (leftSide ? p.right : p.left)) {
      z = p;
      root = rotate(root, z, leftSide);
    }
    const p2 = z.parent as RbNode;
    const g2 = p2.parent as RbNode;
    p2.red = false;
    g2.red = true;
    root = rotate(root, g2, !leftSide);
  }
  root.red = false;
  return root;
}

/** Rotates left (`left` true) or right around `x`; returns the root. */
function rotate(root: RbNode, x: RbNode, left: boolean): RbNode {
  const y = (left ? x.right : x.left) as RbNode;
  const inner = left ? y.left : y.right;
  if (left) x.right = inner;
  else x.left = inner;
  if (inner !== null) inner.parent = x;
  y.parent = x.parent;
  if (x.parent === null) root = y;
  else if (x === x.parent.left) x.parent.left = y;
  else x.parent.right = y;
  if (left) y.left = x;
  else y.right = x;
  x.parent = y;
  return root;
}

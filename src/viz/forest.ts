import { isHidden, liveness, pathSegment, shortBehaviour, treeParent } from '../store/selectors';
import type { ProcStatus, ProcView, ViewState } from '../store/types';

/**
 * The drawn tree before positions: one forest per BEAM node, children in
 * OTP's start order, paths as the conformance spec names processes, and
 * large groups of identical leaves folded into one counted entry.
 */
export interface Entry {
  /** The process; for a folded group, its first member. */
  readonly proc: ProcView;
  readonly path: string;
  /** Members when folded (≥ 2 pid keys); undefined for a single process. */
  readonly group: readonly ProcView[] | undefined;
  children: Entry[];
}

/**
 * Which processes are drawn, under what, per BEAM node. Not drawn: the host's
 * own processes, a child whose slot has a newer process (the slot is drawn
 * once, as its newest occupant), a process a supervisor has spawned but not yet
 * said which child it is (until its `child_started`, the slot shows the one it
 * replaces, `restarting`: at 1× a restart is not drawn as a second node), and
 * anything under a process that is not drawn.
 */
export function buildForest(state: Pick<ViewState, 'processes' | 'nodes'>): Map<number, Entry[]> {
  const drawn = new Map<string, boolean>();
  const isDrawn = (p: ProcView): boolean => {
    const known = drawn.get(p.key);
    if (known !== undefined) return known;
    drawn.set(p.key, false); // guards against a cycle in bad input
    let ok = !isHidden(p) && !replaced(state, p) && !unplaced(state, p);
    if (ok) {
      const parent = treeParent(state, p);
      if (parent !== undefined && parent.node === p.node) ok = isDrawn(parent);
    }
    drawn.set(p.key, ok);
    return ok;
  };

  const kids = new Map<string, ProcView[]>();
  const roots = new Map<number, ProcView[]>();
  for (const p of state.processes.values()) {
    if (!isDrawn(p)) continue;
    const parent = treeParent(state, p);
    if (parent !== undefined && parent.node === p.node) push(kids, parent.key, p);
    else push(roots, p.node, p);
  }

  const cut = cutDepth(roots, kids);
  const build = (
    p: ProcView,
    parentPath: string | undefined,
    siblings: Set<string>,
    depth: number,
  ): Entry => {
    let seg = pathSegment(state, p);
    if (siblings.has(seg)) seg = `${seg}~${p.pid.id}`;
    siblings.add(seg);
    const path = parentPath === undefined ? seg : `${parentPath}/${seg}`;
    const mine = kids.get(p.key);
    const below = mine !== undefined && depth >= cut ? descendants(p, kids) : [];
    if (below.length >= 2) {
      const group = { proc: below[0] as ProcView, path: `${path}/${BELOW}`, group: below };
      return { proc: p, path, group: undefined, children: [{ ...group, children: [] }] };
    }
    const used = mine === undefined ? undefined : new Set<string>();
    const children =
      mine === undefined ? [] : sortChildren(p, mine).map((c) => build(c, path, used!, depth + 1));
    return { proc: p, path, group: undefined, children };
  };

  const out = new Map<number, Entry[]>();
  for (const n of [...new Set([...state.nodes.keys(), ...roots.keys()])].sort((a, b) => a - b)) {
    const used = new Set<string>();
    out.set(
      n,
      byPid(roots.get(n) ?? []).map((r) => build(r, undefined, used, 0)),
    );
  }
  return out;
}

/**
 * Drawn processes that have children of their own, at most. Past it, the
 * processes below a depth are drawn as one group under their ancestor there
 * (`root/spawner/**`, "×18,000 processes"): a fork bomb is a tree of 20,000
 * processes two to a parent, which folding identical leaves cannot shrink
 * (it took seconds to lay out and left the page unanswering). Supervision
 * trees are far below it: a 10,000-child tree has a few hundred.
 */
export const MAX_PARENTS = 500;

/** The last path segment of a group of everything below a process cut off by {@link MAX_PARENTS}. */
export const BELOW = '**';

/**
 * The depth from which children are not drawn one by one: the deepest at
 * which the processes with children above it still number at most
 * {@link MAX_PARENTS}. Infinity when the whole forest fits.
 */
function cutDepth(roots: Map<number, ProcView[]>, kids: Map<string, ProcView[]>): number {
  if (kids.size <= MAX_PARENTS) return Infinity;
  let level: ProcView[] = [...roots.values()].flat();
  let parents = 0;
  for (let depth = 0; level.length > 0; depth++) {
    const next: ProcView[] = [];
    for (const p of level) {
      const mine = kids.get(p.key);
      if (mine === undefined) continue;
      parents++;
      for (const c of mine) next.push(c);
    }
    if (parents > MAX_PARENTS) return depth;
    level = next;
  }
  return Infinity;
}

/** Everything below `p`, in spawn order (iterative: a spawn chain can be 100,000 deep). */
function descendants(p: ProcView, kids: Map<string, ProcView[]>): ProcView[] {
  const out: ProcView[] = [];
  const stack = [...(kids.get(p.key) ?? [])];
  while (stack.length > 0) {
    const c = stack.pop() as ProcView;
    out.push(c);
    const mine = kids.get(c.key);
    if (mine !== undefined) for (const k of mine) stack.push(k);
  }
  return byPid(out);
}

/** A child whose supervisor slot now holds a newer process. */
function replaced(state: Pick<ViewState, 'processes'>, p: ProcView): boolean {
  if (p.sup === undefined || p.childId === undefined) return false;
  const slot = state.processes.get(p.sup)?.supervisor?.slots.get(p.childId);
  return slot !== undefined && slot.pid !== p.key;
}

/** A supervisor's children in slot (start) order, then the rest by pid. */
function sortChildren(parent: ProcView, children: ProcView[]): ProcView[] {
  const order = parent.supervisor?.children;
  if (order === undefined || order.length === 0) return byPid(children);
  const index = new Map(order.map((id, i) => [id, i]));
  const rank = (c: ProcView): number =>
    c.sup === parent.key && c.childId !== undefined
      ? (index.get(c.childId) ?? order.length)
      : order.length;
  return [...children].sort((a, b) => rank(a) - rank(b) || a.pid.id - b.pid.id);
}

const byPid = (ps: ProcView[]): ProcView[] =>
  [...ps].sort((a, b) => a.pid.node - b.pid.node || a.pid.id - b.pid.id);

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
}

export interface FoldOptions {
  /** Fold thresholds to try, largest first: a parent with more children than the threshold folds its identical leaves. */
  readonly thresholds: readonly number[];
  /** Use the first threshold that keeps the drawn count at or under this. */
  readonly maxNodes: number;
  /** Never folded away (the selection). */
  readonly pinned: ReadonlySet<string>;
  /** Group paths the user unfolded. */
  readonly expanded: ReadonlySet<string>;
}

/**
 * The path of the group of `behaviour` leaves under `parentPath` with `status`: `*counter` for
 * the live ones (running and waiting fold together, as every message flips one to the other),
 * `*counter:dead` (`:exiting`, `:restarting`) for the others.
 */
export const groupPath = (parentPath: string, behaviour: string, status: ProcStatus): string => {
  const l = liveness(status);
  return `${parentPath}/*${shortBehaviour(behaviour)}${l === 'live' ? '' : `:${l}`}`;
};

/**
 * An opened group shows this many members; the rest stay folded in a group of their own
 * (`root/pool/*counter@1000`), which opens the next page. So opening a group of 10,000 does
 * not put 10,000 processes into the SVG (seconds to build, then ~35 fps).
 */
export const GROUP_PAGE = 1000;

/** The path of what is left of group `path` once its first `from` members are shown. */
const pagePath = (path: string, from: number): string => (from === 0 ? path : `${path}@${from}`);

interface Group {
  readonly members: Entry[];
  readonly path: string;
}

/** One parent's foldable leaves, grouped by behaviour+liveness (groups of 2 or more). */
interface ParentPlan {
  readonly entry: Entry;
  /** Leaf → its group, for leaves that fold. */
  readonly groupOf: Map<Entry, Group>;
  /** How many entries its children become when folded. */
  readonly folded: number;
}

/**
 * Folds, under every parent with more children than the threshold, the
 * leaves that share behaviour and liveness (running and waiting are one) into one counted entry, placed
 * where its first member was. The threshold is the first of
 * `opts.thresholds` that keeps the picture under `opts.maxNodes` (or the
 * last). Grouping does not depend on the threshold, so it is planned once.
 */
export function foldForests(
  forests: ReadonlyMap<number, readonly Entry[]>,
  opts: FoldOptions,
): { forests: Map<number, Entry[]>; threshold: number; drawn: number } {
  const plans = new Map<Entry, ParentPlan>();
  let roots = 0;
  const plan = (e: Entry): void => {
    if (e.children.length === 0) return;
    const byKey = new Map<string, Entry[]>();
    for (const c of e.children) {
      if (c.children.length > 0 || opts.pinned.has(c.proc.key)) continue;
      push(byKey, `${c.proc.behaviour}|${liveness(c.proc.status)}`, c);
    }
    const groupOf = new Map<Entry, Group>();
    let folded = e.children.length;
    for (const all of byKey.values()) {
      const first = all[0] as Entry;
      const path = groupPath(e.path, first.proc.behaviour, first.proc.status);
      let from = 0;
      while (from < all.length && opts.expanded.has(pagePath(path, from))) from += GROUP_PAGE;
      const members = from === 0 ? all : all.slice(from);
      if (members.length < 2) continue;
      const group = { members, path: pagePath(path, from) };
      for (const m of members) groupOf.set(m, group);
      folded -= members.length - 1;
    }
    plans.set(e, { entry: e, groupOf, folded });
    for (const c of e.children) plan(c);
  };
  for (const f of forests.values()) {
    roots += f.length;
    for (const e of f) plan(e);
  }

  const drawnAt = (t: number): number => {
    let n = roots;
    for (const p of plans.values())
      n += p.entry.children.length > t ? p.folded : p.entry.children.length;
    return n;
  };
  let threshold = opts.thresholds[opts.thresholds.length - 1] ?? Infinity;
  let drawn = 0;
  for (const t of opts.thresholds) {
    drawn = drawnAt(t);
    threshold = t;
    if (drawn <= opts.maxNodes) break;
  }

  const fold = (e: Entry): Entry => {
    const p = plans.get(e);
    if (p === undefined) return e;
    const foldHere = e.children.length > threshold && p.groupOf.size > 0;
    const children: Entry[] = [];
    const placed = new Set<Group>();
    for (const c of e.children) {
      const group = foldHere ? p.groupOf.get(c) : undefined;
      if (group === undefined) {
        children.push(fold(c));
        continue;
      }
      if (placed.has(group)) continue;
      placed.add(group);
      const members = group.members.map((m) => m.proc);
      children.push({ proc: c.proc, path: group.path, group: members, children: [] });
    }
    return { ...e, children };
  };
  const out = new Map<number, Entry[]>();
  for (const [n, f] of forests) out.set(n, f.map(fold));
  return { forests: out, threshold, drawn };
}

/** Spawned by a supervisor that has not said yet which child it is (its `child_started`). */
function unplaced(state: Pick<ViewState, 'processes'>, p: ProcView): boolean {
  if (p.sup !== undefined || p.spawner === undefined) return false;
  return state.processes.get(p.spawner)?.kind === 'supervisor';
}

import { hierarchy, tree } from 'd3-hierarchy';
import { accessibleName, liveness, shortBehaviour } from '../store/selectors';
import type { NodeStatus, ProcKind, ProcStatus, ProcView, ViewState } from '../store/types';
import type { Entry } from './forest';
import { clearBow } from './edges';
import { buildForest, foldForests } from './forest';

/**
 * Pure layout of the supervision picture: one tidy tree (d3-hierarchy's
 * Reingold–Tilford `tree().nodeSize`) per BEAM node, the nodes side by side
 * as labelled regions; supervision, link and monitor edges; large groups of
 * identical children folded into one counted node. No DOM, no D3 selection:
 * same state and options in, same layout out.
 */

export interface LayoutOptions {
  /** A parent with more children than this folds its identical leaves (default 50). */
  readonly foldThreshold?: number;
  /** Folds harder (down to groups under any parent with > 2 children) to keep at most this many drawn nodes (default 1,500). */
  readonly maxNodes?: number;
  /** [sibling spacing, depth spacing] in px (default [64, 110]). */
  readonly nodeSize?: readonly [number, number];
  /** Space between two BEAM nodes' regions (default 48). */
  readonly regionGap?: number;
  /** Space inside a region around its tree (default 40); the label sits in the top padding. */
  readonly regionPadding?: number;
  /** Pid keys never folded away (the selection). */
  readonly pinned?: ReadonlySet<string>;
  /** Group paths the user unfolded. */
  readonly expanded?: ReadonlySet<string>;
}

export type LayoutNodeKind = 'supervisor' | 'worker' | 'process' | 'group';

export interface LayoutNode {
  /** `node:path`: the join key. A restarted child keeps it, so it is drawn as the same node. */
  readonly id: string;
  /** The conformance path (`root/sub/x`; a group is `root/pool/*counter:running`), for `data-path`. */
  readonly path: string;
  /** The BEAM node. */
  readonly node: number;
  readonly kind: LayoutNodeKind;
  /** What the process is; for a group, what its members are. */
  readonly procKind: ProcKind;
  /** At layout time; a live group's (running or waiting) is repainted from its members ({@link groupWords}). */
  readonly status: ProcStatus;
  /** The pid key, or undefined for a group. */
  readonly pid: string | undefined;
  /** Every pid drawn here: one, or a group's members. */
  readonly members: readonly string[];
  readonly count: number;
  /** Shown under the shape: child id / name / pid, or `×940 counter`. */
  readonly label: string;
  readonly behaviour: string;
  /** A supervisor's strategy, when known. */
  readonly strategy: string | undefined;
  readonly generation: number;
  readonly trapExit: boolean;
  readonly diedAt: number | undefined;
  /** The parent's layout id. */
  readonly parent: string | undefined;
  readonly depth: number;
  /** Its row when packed in a block of many leaves under one parent (0 otherwise): only row 0 has a tree edge. */
  readonly gridRow: number;
  readonly x: number;
  readonly y: number;
  /** "worker cache, running, restarted 2 times". */
  readonly ariaLabel: string;
}

export type LayoutEdgeKind = 'supervision' | 'spawn' | 'link' | 'monitor';

export interface LayoutEdge {
  readonly id: string;
  readonly kind: LayoutEdgeKind;
  /** Layout node ids; for a monitor, watcher → target. */
  readonly source: string;
  readonly target: string;
  /** How many links/monitors it stands for (folded nodes merge them). */
  readonly count: number;
  /** A link's or monitor's arc: how far it bows (edges.ts `clearBow`: round other processes). */
  readonly bow?: number;
}

export interface LayoutRegion {
  readonly node: number;
  readonly name: string;
  readonly status: NodeStatus;
  readonly downReason: string | undefined;
  /** Other nodes drawn and up that this one, up, is not connected to: a netsplit between them. */
  readonly cutFrom: readonly number[];
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Layout {
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly LayoutEdge[];
  readonly regions: readonly LayoutRegion[];
  /** Where each drawn pid is: pid key → layout node id (a group's members map to the group). */
  readonly byPid: ReadonlyMap<string, string>;
  readonly byId: ReadonlyMap<string, LayoutNode>;
  readonly width: number;
  readonly height: number;
  /** The fold threshold actually used (lower than asked when there were too many nodes). */
  readonly foldThreshold: number;
}

const DEFAULTS = {
  foldThreshold: 50,
  maxNodes: 1500,
  nodeSize: [64, 110] as const,
  regionGap: 48,
  regionPadding: 40,
};
const MIN_REGION = { width: 200, height: 140 };
/** Room for the region's label above the tree. */
const HEADER = 28;

export function layout(
  state: Pick<ViewState, 'processes' | 'nodes'>,
  options: LayoutOptions = {},
): Layout {
  const o = { ...DEFAULTS, ...options };
  const pinned = options.pinned ?? new Set<string>();
  const expanded = options.expanded ?? new Set<string>();
  const raw = buildForest(state);

  // Fold harder until the picture fits (SVG stays smooth to ~1,500 nodes).
  const thresholds = [o.foldThreshold, ...[20, 10, 5, 2].filter((t) => t < o.foldThreshold)];
  const { forests, threshold } = foldForests(raw, {
    thresholds,
    maxNodes: o.maxNodes,
    pinned,
    expanded,
  });

  const [dx, dy] = o.nodeSize;
  const pad = o.regionPadding;
  const nodes: LayoutNode[] = [];
  const regions: LayoutRegion[] = [];
  let cursor = 0;
  let height = 0;
  for (const [n, forest] of forests) {
    const info = state.nodes.get(n);
    const placed = placeForest(forest, n, dx, dy);
    let [minX, maxX, maxDepth] = placed.length > 0 ? [Infinity, -Infinity, 0] : [0, 0, 0];
    for (const p of placed) {
      minX = Math.min(minX, p.x);
      maxX = Math.max(maxX, p.x);
      maxDepth = Math.max(maxDepth, p.depth);
    }
    const width = Math.max(MIN_REGION.width, maxX - minX + dx + 2 * pad);
    const h = Math.max(MIN_REGION.height, HEADER + 2 * pad + maxDepth * dy);
    const left = cursor + (width - (maxX - minX)) / 2;
    for (const p of placed) nodes.push({ ...p, x: p.x - minX + left, y: HEADER + pad + p.y });
    regions.push({
      node: n,
      name: info?.name ?? `node${n}`,
      status: info?.status ?? 'up',
      downReason: info?.downReason,
      cutFrom:
        (info?.status ?? 'up') !== 'up'
          ? []
          : [...forests.keys()].filter(
              (m) =>
                m !== n && state.nodes.get(m)?.status === 'up' && !(info?.peers ?? []).includes(m),
            ),
      x: cursor,
      y: 0,
      width,
      height: h,
    });
    cursor += width + o.regionGap;
    height = Math.max(height, h);
  }

  const byId = new Map(nodes.map((n) => [n.id, n]));
  const byPid = new Map<string, string>();
  for (const n of nodes) for (const m of n.members) byPid.set(m, n.id);
  const edges = [
    ...treeEdges(nodes, state),
    ...routed(signalEdges(nodes, byPid, byId, state), nodes, byId),
  ];
  return {
    nodes,
    edges,
    regions,
    byPid,
    byId,
    width: Math.max(0, cursor - o.regionGap),
    height,
    foldThreshold: threshold,
  };
}

type Placed = Omit<LayoutNode, 'x' | 'y'> & { x: number; y: number };

/** A run of more leaves than this under one parent is packed into rows. */
const GRID_MIN = 10;

/** One item of the d3 hierarchy: a process (or group), or a row of leaves packed under their parent. */
interface Item {
  entry: Entry | undefined;
  /** A packed row: the leaves, left to right; `cols` is the row width every row of the run reserves. */
  row?: { members: readonly Entry[]; index: number; cols: number; parent: Entry };
  children: Item[];
}

/**
 * d3's tidy tree over a synthetic root holding the node's roots (dropped
 * afterwards). A run of many leaf children (an unfolded pool) would make one
 * row thousands of pixels wide, so it is packed into rows of about
 * √(3n) leaves: each row is one wide hierarchy item, the next row its child,
 * so the tidy tree keeps every other subtree clear of the block.
 */
function placeForest(forest: readonly Entry[], n: number, dx: number, dy: number): Placed[] {
  if (forest.length === 0) return [];
  const wrap = (e: Entry): Item => ({ entry: e, children: packChildren(e) });
  const packChildren = (e: Entry): Item[] => {
    const out: Item[] = [];
    let run: Entry[] = [];
    const flush = (): void => {
      if (run.length > GRID_MIN) out.push(rows(e, run));
      else for (const c of run) out.push({ entry: c, children: [] });
      run = [];
    };
    for (const c of e.children) {
      if (c.children.length === 0) run.push(c);
      else {
        flush();
        out.push(wrap(c));
      }
    }
    flush();
    return out;
  };
  const rows = (parent: Entry, leaves: readonly Entry[]): Item => {
    const cols = Math.max(GRID_MIN, Math.ceil(Math.sqrt(leaves.length * 3)));
    let next: Item | undefined;
    for (let i = Math.ceil(leaves.length / cols) - 1; i >= 0; i--) {
      const members = leaves.slice(i * cols, (i + 1) * cols);
      next = {
        entry: undefined,
        row: { members, index: i, cols, parent },
        children: next === undefined ? [] : [next],
      };
    }
    return next as Item;
  };
  // A supervisor's strategy label (`simple_one_for_one`) and a group's (`×9999 echo, 12 running`)
  // need about two slots.
  const width = (h: { data: Item }): number =>
    h.data.row?.cols ??
    (h.data.entry?.group !== undefined || h.data.entry?.proc.kind === 'supervisor' ? 2 : 1);
  const root = hierarchy<Item>({ entry: undefined, children: forest.map(wrap) }, (d) => d.children);
  const laid = tree<Item>()
    .nodeSize([dx, dy])
    .separation((a, b) => (width(a) + width(b)) / 2 + (a.parent === b.parent ? 0 : 0.4))(root);
  const out: Placed[] = [];
  laid.each((h) => {
    const { entry, row } = h.data;
    const depth = h.depth - 1;
    const y = depth * dy;
    if (row !== undefined) {
      const parent = idOf(n, row.parent.path);
      const left = h.x - ((row.cols - 1) / 2) * dx;
      row.members.forEach((m, i) =>
        out.push({ ...describe(m, n, parent), depth, gridRow: row.index, x: left + i * dx, y }),
      );
      return;
    }
    if (entry === undefined) return;
    const p = h.parent?.data;
    const parentEntry = p?.entry ?? p?.row?.parent;
    out.push({
      ...describe(entry, n, parentEntry === undefined ? undefined : idOf(n, parentEntry.path)),
      depth,
      gridRow: 0,
      x: h.x,
      y,
    });
  });
  return out;
}

const idOf = (n: number, path: string): string => `${n}:${path}`;
const PLURAL = { supervisor: 'supervisors', worker: 'workers', process: 'processes' } as const;

function describe(
  e: Entry,
  n: number,
  parent: string | undefined,
): Omit<Placed, 'x' | 'y' | 'depth' | 'gridRow'> {
  const p = e.proc;
  const common = {
    id: idOf(n, e.path),
    path: e.path,
    node: n,
    status: p.status,
    behaviour: p.behaviour,
    parent,
  };
  if (e.group !== undefined) {
    const count = e.group.length;
    const running = e.group.reduce((r, m) => r + (m.status === 'running' ? 1 : 0), 0);
    const words = groupWords(p.kind, p.behaviour, count, p.status, running);
    return {
      ...common,
      kind: 'group',
      procKind: p.kind,
      status: words.status,
      pid: undefined,
      members: e.group.map((m) => m.key),
      count,
      label: words.label,
      strategy: undefined,
      generation: e.group.reduce((g, m) => Math.max(g, m.generation), 0),
      trapExit: false,
      diedAt: undefined,
      ariaLabel: words.ariaLabel,
    };
  }
  // The last part of the path: child id, registered name, or pid.
  const label = e.path.slice(e.path.lastIndexOf('/') + 1);
  return {
    ...common,
    kind: p.kind,
    procKind: p.kind,
    pid: p.key,
    members: [p.key],
    count: 1,
    label,
    strategy: p.supervisor?.strategy,
    generation: p.generation,
    trapExit: p.trapExit,
    diedAt: p.diedAt,
    ariaLabel: accessibleName(p, label),
  };
}

/**
 * A folded group's status and words. A live group (its members running or waiting) is
 * `running` while any member is: `×940 counter, waiting`, `×940 counter, 12 running`,
 * `×940 counter, running`; "940 counter workers, 12 running, folded". Others say their status.
 */
export function groupWords(
  kind: ProcKind,
  behaviour: string,
  count: number,
  status: ProcStatus,
  running: number,
): { status: ProcStatus; label: string; ariaLabel: string } {
  const live = liveness(status) === 'live';
  const shown: ProcStatus = live ? (running > 0 ? 'running' : 'waiting') : status;
  const words = live && running > 0 && running < count ? `${running} running` : shown;
  const b = shortBehaviour(behaviour);
  return {
    status: shown,
    label: `×${count} ${b}, ${words}`,
    ariaLabel: `${count} ${b} ${PLURAL[kind]}, ${words}, folded`,
  };
}

function treeEdges(
  nodes: readonly LayoutNode[],
  state: Pick<ViewState, 'processes'>,
): LayoutEdge[] {
  const out: LayoutEdge[] = [];
  for (const n of nodes) {
    if (n.parent === undefined || n.gridRow > 0) continue;
    const p = state.processes.get(n.members[0] ?? '');
    const supervised = p?.sup !== undefined && state.processes.has(p.sup);
    out.push({
      id: `t:${n.id}`,
      kind: supervised ? 'supervision' : 'spawn',
      source: n.parent,
      target: n.id,
      count: n.count,
    });
  }
  return out;
}

/**
 * Links (undirected, once per pair) and monitors (watcher → target) between
 * drawn nodes. A link that is also the tree edge (every supervised child is
 * linked to its supervisor) is not drawn twice.
 */
function signalEdges(
  nodes: readonly LayoutNode[],
  byPid: ReadonlyMap<string, string>,
  byId: ReadonlyMap<string, LayoutNode>,
  state: Pick<ViewState, 'processes'>,
): LayoutEdge[] {
  const links = new Map<string, { a: string; b: string; count: number }>();
  const monitors = new Map<string, { a: string; b: string; count: number }>();
  const isTreeEdge = (a: string, b: string): boolean =>
    byId.get(a)?.parent === b || byId.get(b)?.parent === a;
  for (const n of nodes) {
    for (const key of n.members) {
      const p: ProcView | undefined = state.processes.get(key);
      if (p === undefined) continue;
      for (const other of p.links) {
        const t = byPid.get(other);
        if (t === undefined || t === n.id || isTreeEdge(n.id, t)) continue;
        const [a, b] = n.id < t ? [n.id, t] : [t, n.id];
        const k = `l:${a}|${b}`;
        const e = links.get(k);
        // Each link is seen from both ends.
        if (e === undefined) links.set(k, { a, b, count: 0.5 });
        else e.count += 0.5;
      }
      for (const target of p.monitors.values()) {
        const t = byPid.get(target);
        if (t === undefined || t === n.id) continue;
        const k = `m:${n.id}>${t}`;
        const e = monitors.get(k);
        if (e === undefined) monitors.set(k, { a: n.id, b: t, count: 1 });
        else e.count++;
      }
    }
  }
  const out: LayoutEdge[] = [];
  for (const [id, e] of links)
    out.push({
      id,
      kind: 'link',
      source: e.a,
      target: e.b,
      count: Math.max(1, Math.round(e.count)),
    });
  for (const [id, e] of monitors)
    out.push({ id, kind: 'monitor', source: e.a, target: e.b, count: e.count });
  return out;
}

/** Past this many drawn processes, links keep the default arc (routing is O(edges × nodes)). */
const MAX_ROUTED = 400;

/** Links and monitors bowed round the processes between their ends (see `clearBow`). */
function routed(
  edges: LayoutEdge[],
  nodes: readonly LayoutNode[],
  byId: ReadonlyMap<string, LayoutNode>,
): LayoutEdge[] {
  if (nodes.length > MAX_ROUTED || edges.length === 0) return edges;
  return edges.map((e) => {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    return s && t ? { ...e, bow: clearBow(s, t, nodes) } : e;
  });
}

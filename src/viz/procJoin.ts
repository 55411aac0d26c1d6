import { type Selection, select } from 'd3-selection';
import { type Timer, now as d3now, timeout } from 'd3-timer';
import 'd3-transition';
import { accessibleName, liveness } from '../store/selectors';
import type { ProcView } from '../store/types';
import type { Layout, LayoutNode } from './layout';
import { groupWords } from './layout';
import { buildProc, paintProc, setAttr } from './shapes';
import type { TreeViewInput } from './types';

/**
 * With more drawn processes than this (a group of thousands the person opened), statuses are
 * repainted at most every {@link BIG_PAINT_MS}: each repaint makes the browser redraw the whole
 * SVG, ~40 ms at 10,000 nodes, so repainting every frame left ~25 fps. Dots still fly every frame.
 */
const BIG_PICTURE = 1500;
const BIG_PAINT_MS = 250;

/** How many of a live group's members are running now (0 for a group of the dead, exiting or restarting). */
function runningIn(n: LayoutNode, processes: TreeViewInput['processes']): number {
  if (liveness(n.status) !== 'live') return 0;
  let running = 0;
  for (const m of n.members) if (processes.get(m)?.status === 'running') running++;
  return running;
}

export interface ProcJoinDeps {
  readonly procLayer: Selection<SVGGElement, unknown, null, undefined>;
  /** Layout id → its `<g>`; kept by the join, shared with keyboard focus. */
  readonly elById: Map<string, SVGGElement>;
  /** Transition ms now (0 with reduced motion). */
  duration(): number;
  /** What a deferred repaint paints: the view's latest input and layout. */
  latest(): { view: TreeViewInput | undefined; layout: Layout | undefined };
  activate(n: LayoutNode): void;
  context(n: LayoutNode, clientX: number, clientY: number): void;
  onKey(e: KeyboardEvent, n: LayoutNode): void;
}

export interface ProcJoin {
  joinProcs(l: Layout, prev: Layout | undefined): void;
  paint(view: TreeViewInput, l: Layout, relaid: boolean): void;
  /** Drops a deferred repaint (on destroy). */
  stop(): void;
}

/**
 * The processes: a data join keyed by layout id (a `<g role="button">` per
 * drawn process, see shapes.ts for what is inside), and repaints from the
 * live state, skipped for what did not change and throttled for a big picture.
 */
export function createProcJoin(deps: ProcJoinDeps): ProcJoin {
  const { procLayer, elById, duration, activate, context, onKey } = deps;
  /** What each `<g>` was last painted from. */
  const drawn = new WeakMap<
    SVGGElement,
    { node: LayoutNode; live: ProcView | undefined; selected: boolean; running: number }
  >();

  /** The data join: which `<g>` stands for which layout node (only when the layout changed). */
  function joinProcs(l: Layout, prev: Layout | undefined): void {
    const d = duration();
    const sel = procLayer
      .selectAll<SVGGElement, LayoutNode>('g.proc:not(.leaving)')
      .data(l.nodes, (n) => n.id);
    sel.exit<LayoutNode>().each(function (n) {
      elById.delete(n.id);
      const g = select(this).attr('tabindex', null).attr('role', null).classed('leaving', true);
      if (d > 0) g.transition('fade').duration(d).style('opacity', 0).remove();
      else g.remove();
    });
    const entered = sel
      .enter()
      .append('g')
      .attr('class', 'proc')
      .attr('role', 'button')
      .attr('tabindex', 0)
      .on('click', (e: MouseEvent, n) => {
        e.stopPropagation();
        activate(n);
      })
      .on('keydown', onKey)
      .on('contextmenu', (e: MouseEvent, n) => {
        e.preventDefault();
        context(n, e.clientX, e.clientY);
      });
    entered.each(function (n) {
      // A new child grows out of where its parent was.
      const from = (n.parent === undefined ? undefined : prev?.byId.get(n.parent)) ?? n;
      this.setAttribute('transform', `translate(${from.x},${from.y})`);
      if (d > 0)
        select(this).style('opacity', 0).transition('fade').duration(d).style('opacity', 1);
    });
    const all = entered.merge(sel);
    all.each((n, i, els) => elById.set(n.id, els[i] as SVGGElement));
    // Tab order follows the picture (breadth first).
    if (!entered.empty() || !sel.exit().empty()) all.order();
  }

  /**
   * Repaints each process from the live state. The store replaces only the
   * processes that changed, so an unchanged `ProcView` (and layout node) is
   * skipped. A live group (running or waiting members) is repainted from its
   * members, whose statuses change with every message without a new layout.
   */
  function paintProcs(view: TreeViewInput, l: Layout): void {
    const d = duration();
    const selectedId = view.selected === undefined ? undefined : l.byPid.get(view.selected);
    for (const n of l.nodes) {
      const g = elById.get(n.id);
      if (g === undefined) continue;
      const live = n.pid === undefined ? undefined : view.processes.get(n.pid);
      const running = n.kind === 'group' ? runningIn(n, view.processes) : 0;
      const selected = n.id === selectedId;
      const was = drawn.get(g);
      if (
        was !== undefined &&
        was.node === n &&
        was.live === live &&
        was.selected === selected &&
        was.running === running
      )
        continue;
      if (was?.node.kind !== n.kind) buildProc(g, n.kind);
      const words =
        n.kind === 'group'
          ? groupWords(n.procKind, n.behaviour, n.count, n.status, running)
          : undefined;
      const status = live?.status ?? words?.status ?? n.status;
      setAttr(g, 'data-path', n.path);
      setAttr(g, 'data-state', status);
      setAttr(g, 'data-pid', n.pid ?? null);
      setAttr(g, 'data-kind', n.kind);
      setAttr(g, 'data-node', String(n.node));
      setAttr(
        g,
        'aria-label',
        live !== undefined ? accessibleName(live, n.label) : (words?.ariaLabel ?? n.ariaLabel),
      );
      setAttr(g, 'aria-pressed', selected ? 'true' : 'false');
      setAttr(
        g,
        'class',
        `proc${n.kind === 'group' ? ' group' : ''}${selected ? ' selected' : ''}`,
      );
      paintProc(g, {
        kind: n.kind,
        status,
        label: words?.label ?? n.label,
        strategy: live?.supervisor?.strategy ?? n.strategy,
        generation: live?.generation ?? n.generation,
        count: n.count,
        mailbox: live?.mailbox ?? 0,
      });
      const to = `translate(${n.x},${n.y})`;
      if (was === undefined || was.node.x !== n.x || was.node.y !== n.y) {
        if (d > 0) select(g).transition('move').duration(d).attr('transform', to);
        else g.setAttribute('transform', to);
      }
      // A child restarted in its slot: the same node, a new pid, fading back in.
      if (was?.node.pid !== undefined && n.pid !== undefined && was.node.pid !== n.pid && d > 0) {
        select(g)
          .interrupt('fade')
          .style('opacity', 0.15)
          .transition('fade')
          .duration(d * 2)
          .style('opacity', 1);
      }
      drawn.set(g, { node: n, live, selected, running });
    }
  }

  let paintedAt = -Infinity;
  let paintedSelection: string | undefined;
  let pendingPaint: Timer | undefined;
  /** Repaints now, or for a big picture at most every BIG_PAINT_MS (the last state is always painted). */
  function paint(view: TreeViewInput, l: Layout, relaid: boolean): void {
    const t = d3now();
    const wait = paintedAt + BIG_PAINT_MS - t;
    if (
      relaid ||
      l.nodes.length <= BIG_PICTURE ||
      view.selected !== paintedSelection ||
      wait <= 0
    ) {
      pendingPaint?.stop();
      pendingPaint = undefined;
      paintedAt = t;
      paintedSelection = view.selected;
      paintProcs(view, l);
      return;
    }
    pendingPaint ??= timeout(() => {
      pendingPaint = undefined;
      const { view: input, layout } = deps.latest();
      if (input !== undefined && layout !== undefined) paint(input, layout, false);
    }, wait);
  }

  return {
    joinProcs,
    paint,
    stop() {
      pendingPaint?.stop();
    },
  };
}

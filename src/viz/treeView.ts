import type { Selection, ZoomBehavior } from 'd3';
import type { Timer } from 'd3';
import { now as d3now, select, timeout, zoom, zoomIdentity } from 'd3';
import type { PlaygroundData, ProcView } from '../store';
import { accessibleName, liveness } from '../store';
import { arcPath, treePath } from './edges';
import { createEffects } from './effects';
import { neighbour } from './keyboard';
import type { Layout, LayoutEdge, LayoutNode, LayoutNodeKind, LayoutRegion } from './layout';
import { groupWords } from './layout';
import { buildProc, paintProc, setAttr } from './shapes';
import { EDGE_COLOUR, NODE_R, styleSheet } from './theme';
import type { Pt } from './traffic';
import { Traffic } from './traffic';

/** What the view reads from the store. */
export type TreeViewInput = Pick<
  PlaygroundData,
  'processes' | 'nodes' | 'log' | 'selected' | 'speed' | 'paused'
>;

/** A right-click, the context-menu key or Shift+F10 on a drawn process. */
export interface ContextTarget {
  /** The pid key; undefined for a folded group (see `members`). */
  readonly pid: string | undefined;
  readonly path: string;
  readonly kind: LayoutNodeKind;
  readonly members: readonly string[];
  /** Where to open a menu, in client (viewport) coordinates. */
  readonly clientX: number;
  readonly clientY: number;
}

export interface TreeViewOptions {
  /** A click, Enter or Space on a process (`undefined`: Escape, or a click on the background). */
  onSelect?: (pid: string | undefined, node: LayoutNode | undefined) => void;
  onContextAction?: (target: ContextTarget) => void;
  /** A click, Enter or Space on a folded group: the caller adds its path to the layout's `expanded`. */
  onExpandGroup?: (path: string) => void;
  /** Default: the `prefers-reduced-motion` media query, followed live. */
  reducedMotion?: boolean;
  /** Dots alive at once (default 300); more are counted on their edge. */
  maxDots?: number;
  /** How long a message takes to fly at speed 1, in ms (default 700). */
  travelMs?: number;
}

export interface TreeView {
  /** Draws `layout`; colours, labels and badges follow `view` (so a memoised layout stays current). */
  update(view: TreeViewInput, layout: Layout): void;
  /** Zooms to show the whole picture (and keeps doing so as it grows, until the person pans or zooms). */
  fit(): void;
  /** Moves keyboard focus to a process (and pans to it); false if it is not drawn. */
  focus(pid: string): boolean;
  destroy(): void;
}

let instances = 0;

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

/**
 * The supervision picture in an `<svg>` the caller owns (React, the embed):
 * D3 data joins for regions, edges and processes, d3-zoom for pan and zoom,
 * one animation loop for messages and signals in flight. Framework-free.
 */
export function createTreeView(svgEl: SVGSVGElement, opts: TreeViewOptions = {}): TreeView {
  const uid = `otp-tv-${++instances}`;
  const hatchId = `${uid}-hatch`;
  const downHatchId = `${uid}-down`;
  const arrowId = `${uid}-arrow`;
  const svg = select(svgEl).classed(uid, true);

  const mql =
    typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : undefined;
  let reduced = opts.reducedMotion ?? mql?.matches ?? false;
  const onMotionPref = (e: MediaQueryListEvent): void => {
    reduced = e.matches;
    if (reduced) traffic.clear();
  };
  if (opts.reducedMotion === undefined) mql?.addEventListener('change', onMotionPref);

  const style = svg.append('style').text(styleSheet(uid, hatchId, downHatchId));
  const defs = svg.append('defs');
  defs
    .append('pattern')
    .attr('id', hatchId)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('width', 6)
    .attr('height', 6)
    .attr('patternTransform', 'rotate(45)')
    .call((p) => p.append('rect').attr('width', 6).attr('height', 6).attr('fill', '#fff'))
    .call((p) =>
      p
        .append('line')
        .attr('x1', 0)
        .attr('y1', 0)
        .attr('x2', 0)
        .attr('y2', 6)
        .attr('stroke', 'var(--otp-exiting, #E69F00)')
        .attr('stroke-width', 3),
    );
  defs
    .append('pattern')
    .attr('id', downHatchId)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('width', 10)
    .attr('height', 10)
    .attr('patternTransform', 'rotate(45)')
    .call((p) => p.append('rect').attr('width', 10).attr('height', 10).attr('fill', '#f3f3f3'))
    .call((p) =>
      p
        .append('line')
        .attr('x1', 0)
        .attr('y1', 0)
        .attr('x2', 0)
        .attr('y2', 10)
        .attr('stroke', '#dcdcdc')
        .attr('stroke-width', 3),
    );
  defs
    .append('marker')
    .attr('id', arrowId)
    .attr('viewBox', '0 0 10 10')
    .attr('refX', 9)
    .attr('refY', 5)
    .attr('markerWidth', 7)
    .attr('markerHeight', 7)
    .attr('orient', 'auto-start-reverse')
    .append('path')
    .attr('d', 'M0,0L10,5L0,10Z')
    .attr('fill', 'var(--otp-monitor, #444)');

  const viewport = svg.append('g').attr('class', 'viewport');
  const regionLayer = viewport.append('g').attr('class', 'regions');
  const treeEdgeLayer = viewport.append('g').attr('class', 'tree-edges');
  const signalEdgeLayer = viewport.append('g').attr('class', 'signal-edges');
  const procLayer = viewport.append('g').attr('class', 'procs');
  const fxLayer = viewport.append('g').attr('class', 'fx');
  // Dots fly on a canvas over the picture (see traffic.ts); it lets every pointer event through.
  const dotHost = svg
    .append('foreignObject')
    .attr('class', 'dots')
    .attr('x', 0)
    .attr('y', 0)
    .attr('width', 1)
    .attr('height', 1)
    .style('pointer-events', 'none');
  const canvas = dotHost
    .append('xhtml:canvas')
    .style('display', 'block')
    .style('pointer-events', 'none')
    .node() as HTMLCanvasElement;
  const resize = (): void => {
    const { width, height } = size();
    const dpr = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
    dotHost.attr('width', Math.max(1, width)).attr('height', Math.max(1, height));
    canvas.style.width = `${Math.max(1, width)}px`;
    canvas.style.height = `${Math.max(1, height)}px`;
    canvas.width = Math.max(1, Math.round(width * dpr));
    canvas.height = Math.max(1, Math.round(height * dpr));
    traffic.redraw();
  };
  const resizer = typeof ResizeObserver === 'function' ? new ResizeObserver(resize) : undefined;

  /** Until the person pans or zooms, the view keeps fitting the picture as it grows. */
  let userMoved = false;
  const zoomer: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.05, 4])
    .on('zoom', (e: { transform: { toString(): string }; sourceEvent: unknown }) => {
      if (e.sourceEvent !== null && e.sourceEvent !== undefined) userMoved = true;
      viewport.attr('transform', e.transform.toString());
      traffic.redraw();
    });
  svg.call(zoomer).on('dblclick.zoom', null);
  svg.on('click.select', (e: MouseEvent) => {
    if (e.target === svgEl) opts.onSelect?.(undefined, undefined);
  });

  const css = typeof getComputedStyle === 'function' ? getComputedStyle(svgEl) : undefined;
  const colour = (name: string, fallback: string): string =>
    css?.getPropertyValue(name).trim() || fallback;
  const traffic = new Traffic(canvas, opts.maxDots ?? 300, () => currentTransform(), {
    message: colour('--otp-message', EDGE_COLOUR.message),
    exit: colour('--otp-exit', EDGE_COLOUR.exit),
    down: colour('--otp-down', EDGE_COLOUR.down),
    text: '#555',
  });
  resizer?.observe(svgEl);
  resize();
  const travelMs = opts.travelMs ?? 700;

  let layout: Layout | undefined;
  let input: TreeViewInput | undefined;
  let fittedTo = '';
  const elById = new Map<string, SVGGElement>();
  const edgePath = new WeakMap<SVGPathElement, string>();
  /** What each `<g>` was last painted from. */
  const drawn = new WeakMap<
    SVGGElement,
    { node: LayoutNode; live: ProcView | undefined; selected: boolean; running: number }
  >();
  /** Where each pid was last drawn, so a signal to a process that just left still has somewhere to go. */
  const lastPos = new Map<string, Pt>();

  const duration = (): number => (reduced ? 0 : 400);
  const effects = createEffects({
    traffic,
    fx: fxLayer.node() as SVGGElement,
    posOf,
    flightMs: () => flightMs(),
    reduced: () => reduced,
  });
  const flightMs = (): number => Math.min(5000, Math.max(150, travelMs / (input?.speed ?? 1)));

  function posOf(pid: string | undefined): Pt | undefined {
    if (pid === undefined) return undefined;
    const id = layout?.byPid.get(pid);
    const n = id === undefined ? undefined : layout?.byId.get(id);
    return n === undefined ? lastPos.get(pid) : { x: n.x, y: n.y };
  }

  // ---- regions ----------------------------------------------------------
  function drawRegions(l: Layout): void {
    const sel = regionLayer
      .selectAll<SVGGElement, LayoutRegion>('g.region')
      .data(l.regions, (r) => String(r.node))
      .join((enter) =>
        enter
          .append('g')
          .call((g) => g.append('rect').attr('rx', 12))
          .call((g) => g.append('text').attr('class', 'title').attr('x', 12).attr('y', 20))
          .call((g) => g.append('text').attr('class', 'reason').attr('x', 12).attr('y', 36)),
      )
      .attr('class', (r) => `region ${r.status}`)
      .attr('data-node', (r) => r.node);
    sel
      .select('rect')
      .attr('x', (r) => r.x)
      .attr('y', (r) => r.y)
      .attr('width', (r) => r.width)
      .attr('height', (r) => r.height);
    sel
      .select('text.title')
      .attr('transform', (r) => `translate(${r.x},${r.y})`)
      .text((r) => `${r.name} · ${r.status}`);
    sel
      .select('text.reason')
      .attr('transform', (r) => `translate(${r.x},${r.y})`)
      .text((r) => (r.downReason === undefined ? '' : r.downReason));
  }

  // ---- edges -------------------------------------------------------------
  function drawEdges(l: Layout): void {
    const at = (id: string): Pt => l.byId.get(id) ?? { x: 0, y: 0 };
    // Tree edges leave from under the parent's label (and a supervisor's strategy).
    const below = (id: string): number =>
      l.byId.get(id)?.kind === 'supervisor' ? NODE_R + 32 : NODE_R + 20;
    const shape = (e: LayoutEdge): string =>
      e.kind === 'supervision' || e.kind === 'spawn'
        ? treePath(at(e.source), at(e.target), below(e.source))
        : arcPath(at(e.source), at(e.target), e.kind === 'monitor' ? NODE_R + 5 : 0);
    const join = (
      layer: Selection<SVGGElement, unknown, null, undefined>,
      edges: readonly LayoutEdge[],
    ): void => {
      const d = duration();
      layer
        .selectAll<SVGPathElement, LayoutEdge>('path.edge:not(.leaving)')
        .data(edges, (e) => e.id)
        .join(
          (enter) =>
            enter.append('path').call((p) => {
              if (d > 0) p.style('opacity', 0).transition('fade').duration(d).style('opacity', 1);
            }),
          (update) => update,
          (exit) =>
            exit.classed('leaving', true).call((p) => {
              if (d > 0) p.transition('fade').duration(d).style('opacity', 0).remove();
              else p.remove();
            }),
        )
        .each((e, i, els) => {
          const el = els[i] as SVGPathElement;
          setAttr(el, 'class', `edge ${e.kind}`);
          setAttr(el, 'data-kind', e.kind);
          setAttr(
            el,
            'stroke-width',
            e.count > 1 ? String(Math.min(6, 1.5 + Math.log2(e.count))) : null,
          );
          setAttr(el, 'marker-end', e.kind === 'monitor' ? `url(#${arrowId})` : null);
          // Only edges whose ends moved get a transition (a frame may repaint 1,000 of them).
          const path = shape(e);
          const was = edgePath.get(el);
          if (was === path) return;
          edgePath.set(el, path);
          if (was === undefined || d === 0) el.setAttribute('d', path);
          else select(el).transition('move').duration(d).attr('d', path);
        });
    };
    join(
      treeEdgeLayer,
      l.edges.filter((e) => e.kind === 'supervision' || e.kind === 'spawn'),
    );
    join(
      signalEdgeLayer,
      l.edges.filter((e) => e.kind === 'link' || e.kind === 'monitor'),
    );
  }

  // ---- processes -----------------------------------------------------------
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
      if (input !== undefined && layout !== undefined) paint(input, layout, false);
    }, wait);
  }

  // ---- interaction -----------------------------------------------------------
  function activate(n: LayoutNode): void {
    if (n.kind === 'group') opts.onExpandGroup?.(n.path);
    else opts.onSelect?.(n.pid, n);
  }

  function context(n: LayoutNode, clientX: number, clientY: number): void {
    opts.onContextAction?.({
      pid: n.pid,
      path: n.path,
      kind: n.kind,
      members: n.members,
      clientX,
      clientY,
    });
  }

  function onKey(e: KeyboardEvent, n: LayoutNode): void {
    if (e.key === 'Enter' || e.key === ' ') {
      activate(n);
    } else if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
      const r = (e.currentTarget as Element).getBoundingClientRect();
      context(n, r.left + r.width / 2, r.top + r.height / 2);
    } else if (e.key === 'Escape') {
      opts.onSelect?.(undefined, undefined);
    } else {
      const next = layout === undefined ? undefined : neighbour(layout, n.id, e.key);
      if (next === undefined) return;
      focusId(next);
    }
    e.preventDefault();
    e.stopPropagation();
  }

  function focusId(id: string): boolean {
    const g = elById.get(id);
    const n = layout?.byId.get(id);
    if (g === undefined || n === undefined) return false;
    g.focus({ preventScroll: true });
    ensureVisible(n);
    return true;
  }

  /** Pans (without zooming) so `n` is inside the view. */
  function ensureVisible(n: LayoutNode): void {
    const { width, height } = size();
    if (width === 0 || height === 0) return;
    const t = currentTransform();
    const sx = t.x + n.x * t.k;
    const sy = t.y + n.y * t.k;
    const margin = 40;
    if (sx > margin && sx < width - margin && sy > margin && sy < height - margin) return;
    const to = zoomIdentity.translate(width / 2 - n.x * t.k, height / 2 - n.y * t.k).scale(t.k);
    if (reduced) svg.call(zoomer.transform, to);
    else svg.transition('pan').duration(300).call(zoomer.transform, to);
  }

  function currentTransform(): { x: number; y: number; k: number } {
    const t = (svgEl as unknown as { __zoom?: { x: number; y: number; k: number } }).__zoom;
    return t ?? { x: 0, y: 0, k: 1 };
  }

  function size(): { width: number; height: number } {
    const r = svgEl.getBoundingClientRect();
    return { width: r.width || svgEl.clientWidth, height: r.height || svgEl.clientHeight };
  }

  function fit(): void {
    if (layout === undefined) return;
    const { width, height } = size();
    if (width === 0 || height === 0 || layout.width === 0) return;
    const pad = 24;
    const k = Math.min(
      1.5,
      (width - 2 * pad) / layout.width,
      (height - 2 * pad) / Math.max(1, layout.height),
    );
    const to = zoomIdentity.translate((width - layout.width * k) / 2, pad).scale(Math.max(0.05, k));
    svg.call(zoomer.transform, to);
  }

  return {
    update(view, next) {
      const prev = layout;
      layout = next;
      input = view;
      if (next !== prev) {
        drawRegions(next);
        drawEdges(next);
        joinProcs(next, prev);
        for (const n of next.nodes) for (const m of n.members) lastPos.set(m, { x: n.x, y: n.y });
        for (const k of lastPos.keys()) if (!view.processes.has(k)) lastPos.delete(k);
      }
      paint(view, next, next !== prev);
      traffic.setPaused(view.paused);
      effects.play(view.log);
      const extent = `${next.width}x${next.height}`;
      if (!userMoved && next.nodes.length > 0 && extent !== fittedTo) {
        fit();
        fittedTo = extent;
      }
    },
    fit() {
      userMoved = false;
      fit();
    },
    focus(pid) {
      const id = layout?.byPid.get(pid);
      return id === undefined ? false : focusId(id);
    },
    destroy() {
      pendingPaint?.stop();
      traffic.destroy();
      resizer?.disconnect();
      dotHost.remove();
      mql?.removeEventListener('change', onMotionPref);
      svg.on('.zoom', null).on('click.select', null);
      svg.selectAll('*').interrupt();
      viewport.remove();
      defs.remove();
      style.remove();
      svg.classed(uid, false);
      elById.clear();
      lastPos.clear();
    },
  };
}

import { select } from 'd3-selection';
// Adds selection.transition/interrupt (used through procJoin, edgeJoin, camera, logAnimation).
import 'd3-transition';
import { createCamera } from './camera';
import { appendDefs } from './defs';
import { createDots } from './dots';
import { createEdgeJoin } from './edgeJoin';
import { createLogAnimation } from './logAnimation';
import { createInteraction } from './interaction';
import type { Layout } from './layout';
import { createProcJoin } from './procJoin';
import { drawRegions } from './regions';
import { styleSheet } from './theme';
import type { Pt } from './traffic';
import type { TreeView, TreeViewInput, TreeViewOptions } from './types';

let instances = 0;

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
  const defs = appendDefs(svg, hatchId, downHatchId, arrowId);

  const viewport = svg.append('g').attr('class', 'viewport');
  const regionLayer = viewport.append('g').attr('class', 'regions');
  const treeEdgeLayer = viewport.append('g').attr('class', 'tree-edges');
  const signalEdgeLayer = viewport.append('g').attr('class', 'signal-edges');
  const procLayer = viewport.append('g').attr('class', 'procs');
  const fxLayer = viewport.append('g').attr('class', 'fx');
  const { traffic, destroy: destroyDots } = createDots(svg, svgEl, opts.maxDots ?? 300);

  const camera = createCamera({
    svg,
    svgEl,
    viewport,
    redraw: () => traffic.redraw(),
    reduced: () => reduced,
    ...(opts.labelText ? { labelText: opts.labelText } : {}),
  });
  svg.on('click.select', (e: MouseEvent) => {
    if (e.target === svgEl) opts.onSelect?.(undefined, undefined);
  });
  const travelMs = opts.travelMs ?? 700;

  let layout: Layout | undefined;
  let input: TreeViewInput | undefined;
  let fittedTo = '';
  const elById = new Map<string, SVGGElement>();
  /** Where each pid was last drawn, so a signal to a process that just left still has somewhere to go. */
  const lastPos = new Map<string, Pt>();

  const duration = (): number => (reduced ? 0 : 400);
  const animation = createLogAnimation({
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

  const { drawEdges } = createEdgeJoin({ treeEdgeLayer, signalEdgeLayer, arrowId, duration });

  const interaction = createInteraction({
    opts,
    layout: () => layout,
    elById,
    ensureVisible: (n) => camera.ensureVisible(n),
  });

  const procs = createProcJoin({
    procLayer,
    elById,
    duration,
    latest: () => ({ view: input, layout }),
    activate: interaction.activate,
    context: interaction.context,
    onKey: interaction.onKey,
  });

  return {
    update(view, next) {
      const prev = layout;
      layout = next;
      input = view;
      if (next !== prev) {
        drawRegions(regionLayer, next, reduced);
        drawEdges(next);
        procs.joinProcs(next, prev);
        for (const n of next.nodes) for (const m of n.members) lastPos.set(m, { x: n.x, y: n.y });
        for (const k of lastPos.keys()) if (!view.processes.has(k)) lastPos.delete(k);
      }
      procs.paint(view, next, next !== prev);
      traffic.setPaused(view.paused);
      animation.play(view.log, view.playhead);
      const extent = `${next.width}x${next.height}`;
      if (!camera.userMoved() && next.nodes.length > 0 && extent !== fittedTo) {
        camera.fit(layout);
        fittedTo = extent;
      }
    },
    fit() {
      camera.follow();
      camera.fit(layout);
    },
    setFitLimit(k) {
      camera.setMaxFit(k);
      camera.follow();
      camera.fit(layout);
    },
    focus(pid) {
      const id = layout?.byPid.get(pid);
      return id === undefined ? false : interaction.focusId(id);
    },
    destroy() {
      procs.stop();
      destroyDots();
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

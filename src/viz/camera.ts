import type { Selection } from 'd3-selection';
import 'd3-transition';
import { type ZoomBehavior, zoom, zoomIdentity } from 'd3-zoom';
import type { Layout, LayoutNode } from './layout';

/** The zoom transform d3-zoom keeps on the `<svg>` (identity until the first pan or zoom). */
export function currentTransform(svgEl: SVGSVGElement): { x: number; y: number; k: number } {
  const t = (svgEl as unknown as { __zoom?: { x: number; y: number; k: number } }).__zoom;
  return t ?? { x: 0, y: 0, k: 1 };
}

/** The `<svg>`'s size in CSS px (it has no `viewBox`). */
export function size(svgEl: SVGSVGElement): { width: number; height: number } {
  const r = svgEl.getBoundingClientRect();
  return { width: r.width || svgEl.clientWidth, height: r.height || svgEl.clientHeight };
}

export interface CameraDeps {
  readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  readonly svgEl: SVGSVGElement;
  /** The `<g>` that pans and zooms. */
  readonly viewport: Selection<SVGGElement, unknown, null, undefined>;
  /** After every pan or zoom (the dots are drawn in screen space). */
  redraw(): void;
  reduced(): boolean;
}

export interface Camera {
  /** True once the person has panned or zoomed. */
  userMoved(): boolean;
  /** Forgets that the person panned or zoomed: the view fits the picture again as it grows. */
  follow(): void;
  /** Zooms to show the whole picture. */
  fit(layout: Layout | undefined): void;
  /** The most a fit may enlarge (1.5 on the page; presenter mode lets a small tree fill a screen). */
  setMaxFit(k: number): void;
  /** Pans (without zooming) so `n` is inside the view. */
  ensureVisible(n: LayoutNode): void;
}

/** Pan and zoom (d3-zoom on the `<svg>`, double-click zoom off), fitting, panning to a node. */
export function createCamera(deps: CameraDeps): Camera {
  const { svg, svgEl, viewport, redraw } = deps;

  /** Until the person pans or zooms, the view keeps fitting the picture as it grows. */
  let userMoved = false;
  let maxFit = 1.5;
  const zoomer: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.05, 4])
    .on('zoom', (e: { transform: { toString(): string }; sourceEvent: unknown }) => {
      if (e.sourceEvent !== null && e.sourceEvent !== undefined) userMoved = true;
      viewport.attr('transform', e.transform.toString());
      redraw();
    });
  svg.call(zoomer).on('dblclick.zoom', null);

  /** Pans (without zooming) so `n` is inside the view. */
  function ensureVisible(n: LayoutNode): void {
    const { width, height } = size(svgEl);
    if (width === 0 || height === 0) return;
    const t = currentTransform(svgEl);
    const sx = t.x + n.x * t.k;
    const sy = t.y + n.y * t.k;
    const margin = 40;
    if (sx > margin && sx < width - margin && sy > margin && sy < height - margin) return;
    const to = zoomIdentity.translate(width / 2 - n.x * t.k, height / 2 - n.y * t.k).scale(t.k);
    if (deps.reduced()) svg.call(zoomer.transform, to);
    else svg.transition('pan').duration(300).call(zoomer.transform, to);
  }

  function fit(layout: Layout | undefined): void {
    if (layout === undefined) return;
    const { width, height } = size(svgEl);
    if (width === 0 || height === 0 || layout.width === 0) return;
    const pad = 24;
    const k = Math.min(
      maxFit,
      (width - 2 * pad) / layout.width,
      (height - 2 * pad) / Math.max(1, layout.height),
    );
    const to = zoomIdentity.translate((width - layout.width * k) / 2, pad).scale(Math.max(0.05, k));
    svg.call(zoomer.transform, to);
  }

  return {
    userMoved: () => userMoved,
    follow() {
      userMoved = false;
    },
    fit,
    setMaxFit(k) {
      maxFit = k;
    },
    ensureVisible,
  };
}

import { type Selection, select } from 'd3-selection';
import 'd3-transition';
import { arcPath, treePath } from './edges';
import type { Layout, LayoutEdge } from './layout';
import { setAttr } from './shapes';
import { NODE_R } from './theme';
import type { Pt } from './traffic';

export interface EdgeJoinDeps {
  /** Supervision and spawn edges. */
  readonly treeEdgeLayer: Selection<SVGGElement, unknown, null, undefined>;
  /** Links and monitors. */
  readonly signalEdgeLayer: Selection<SVGGElement, unknown, null, undefined>;
  /** The `<marker>` id for a monitor's arrowhead. */
  readonly arrowId: string;
  /** Transition ms now (0 with reduced motion). */
  duration(): number;
}

/**
 * The data joins for edges (paths from `edges.ts`): tree edges in one layer,
 * links and monitors in another. Edges fade in and out; only edges whose ends
 * moved get a transition.
 */
export function createEdgeJoin(deps: EdgeJoinDeps): { drawEdges(l: Layout): void } {
  const { treeEdgeLayer, signalEdgeLayer, arrowId, duration } = deps;
  const edgePath = new WeakMap<SVGPathElement, string>();

  function drawEdges(l: Layout): void {
    const at = (id: string): Pt => l.byId.get(id) ?? { x: 0, y: 0 };
    // Tree edges leave from under the parent's label (and a supervisor's strategy).
    const below = (id: string): number =>
      l.byId.get(id)?.kind === 'supervisor' ? NODE_R + 32 : NODE_R + 20;
    const shape = (e: LayoutEdge): string =>
      e.kind === 'supervision' || e.kind === 'spawn'
        ? treePath(at(e.source), at(e.target), below(e.source))
        : arcPath(at(e.source), at(e.target), e.kind === 'monitor' ? NODE_R + 5 : 0, e.bow);
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

  return { drawEdges };
}

import type { Selection } from 'd3-selection';
import type { Layout, LayoutRegion } from './layout';

/** One box per BEAM node: its name, status and (when down) why, behind its processes. */
export function drawRegions(
  regionLayer: Selection<SVGGElement, unknown, null, undefined>,
  l: Layout,
): void {
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

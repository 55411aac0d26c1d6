import type { Selection } from 'd3-selection';
import 'd3-transition';
import type { Layout, LayoutRegion } from './layout';

/** A netsplit between two regions side by side: drawn in the gap between them. */
interface Cut {
  readonly id: string;
  readonly x: number;
  readonly height: number;
}

/**
 * One box per BEAM node: its name, status and (when down) why, behind its processes. Two nodes
 * up but not connected (a netsplit) are drawn cut apart: both boxes get a dashed red border and
 * say whom they cannot reach, and a red zig-zag fills the gap between neighbours; when the
 * nodes connect again the cut turns green and fades ("healed").
 */
export function drawRegions(
  regionLayer: Selection<SVGGElement, unknown, null, undefined>,
  l: Layout,
  reduced = false,
): void {
  const name = new Map(l.regions.map((r) => [r.node, r.name]));
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
    .attr('class', (r) => `region ${r.status}${r.cutFrom.length > 0 ? ' cut' : ''}`)
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
    .text((r) =>
      r.downReason !== undefined
        ? r.downReason
        : r.cutFrom.length > 0
          ? `netsplit: cannot reach ${r.cutFrom.map((n) => name.get(n) ?? `node${n}`).join(', ')}`
          : '',
    );

  const cuts: Cut[] = [];
  for (let i = 0; i + 1 < l.regions.length; i++) {
    const a = l.regions[i] as LayoutRegion;
    const b = l.regions[i + 1] as LayoutRegion;
    if (!a.cutFrom.includes(b.node)) continue;
    cuts.push({
      id: `${a.node}:${b.node}`,
      x: (a.x + a.width + b.x) / 2,
      height: Math.max(a.height, b.height),
    });
  }
  const zigzag = (c: Cut): string => {
    const step = 14;
    let d = `M${c.x},0`;
    for (let y = step, k = 1; y <= c.height; y += step, k = -k) d += `L${c.x + 6 * k},${y}`;
    return d;
  };
  regionLayer
    .selectAll<SVGGElement, Cut>('g.netsplit')
    .data(cuts, (c) => c.id)
    .join(
      (enter) =>
        enter
          .append('g')
          .attr('class', 'netsplit')
          .call((g) => g.append('path'))
          .call((g) => g.append('text').attr('text-anchor', 'middle').text('✂ netsplit')),
      (update) => update,
      (exit) => {
        // Healed: the cut turns green, says so, and fades.
        exit.attr('class', 'netsplit healed').select('text').text('healed');
        if (reduced) exit.remove();
        else exit.transition('heal').delay(900).duration(600).style('opacity', 0).remove();
        return exit;
      },
    )
    .attr('data-cut', (c) => c.id)
    .call((g) => g.select('path').attr('d', zigzag))
    .call((g) =>
      g
        .select('text')
        .attr('x', (c) => c.x)
        .attr('y', (c) => c.height / 2),
    );
}

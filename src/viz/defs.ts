import type { Selection } from 'd3-selection';

/**
 * The view's `<defs>`: the hatch patterns for exiting processes and for down (or
 * unresponsive) BEAM nodes, and the arrowhead on monitor edges. Ids are per view instance,
 * so two views on one page do not share them.
 */
export function appendDefs(
  svg: Selection<SVGSVGElement, unknown, null, undefined>,
  hatchId: string,
  downHatchId: string,
  arrowId: string,
): Selection<SVGDefsElement, unknown, null, undefined> {
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
  return defs;
}

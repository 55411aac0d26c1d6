import type { Selection } from 'd3-selection';
import { currentTransform, size } from './camera';
import { EDGE_COLOUR } from './theme';
import { Traffic } from './traffic';

/**
 * The dots' canvas: a `foreignObject` over the whole `<svg>` (after the
 * zoomed viewport, so on top), sized to it at the device pixel ratio and
 * resized with it, and the {@link Traffic} that draws on it in the colours
 * the page's CSS gives.
 */
export function createDots(
  svg: Selection<SVGSVGElement, unknown, null, undefined>,
  svgEl: SVGSVGElement,
  maxDots: number,
): { traffic: Traffic; destroy(): void } {
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
    const { width, height } = size(svgEl);
    const dpr = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
    dotHost.attr('width', Math.max(1, width)).attr('height', Math.max(1, height));
    canvas.style.width = `${Math.max(1, width)}px`;
    canvas.style.height = `${Math.max(1, height)}px`;
    canvas.width = Math.max(1, Math.round(width * dpr));
    canvas.height = Math.max(1, Math.round(height * dpr));
    traffic.redraw();
  };
  const resizer = typeof ResizeObserver === 'function' ? new ResizeObserver(resize) : undefined;

  const css = typeof getComputedStyle === 'function' ? getComputedStyle(svgEl) : undefined;
  const colour = (name: string, fallback: string): string =>
    css?.getPropertyValue(name).trim() || fallback;
  const traffic = new Traffic(canvas, maxDots, () => currentTransform(svgEl), {
    message: colour('--otp-message', EDGE_COLOUR.message),
    exit: colour('--otp-exit', EDGE_COLOUR.exit),
    down: colour('--otp-down', EDGE_COLOUR.down),
    text: '#555',
  });
  resizer?.observe(svgEl);
  resize();

  return {
    traffic,
    destroy() {
      traffic.destroy();
      resizer?.disconnect();
      dotHost.remove();
    },
  };
}

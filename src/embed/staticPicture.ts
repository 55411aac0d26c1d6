import { hierarchy, tree as treeLayout } from 'd3-hierarchy';
import type { ChildSpecData, Workspace } from '../worker/protocol';
import { NODE_R, STATUS_COLOUR } from '../viz/theme';

/**
 * The picture an embed shows before anyone interacts with it: the workspace's tree drawn from
 * its spec alone (no runtime, no Worker, no React, no D3 selection — only d3-hierarchy's
 * layout), so a docs page with five embeds costs five small SVGs until someone clicks one.
 * Processes carry the same `data-path` as on the live page; `data-pid` and `data-state` come
 * only once the tree runs (there are no pids before).
 */

const SVG = 'http://www.w3.org/2000/svg';
const R = NODE_R;
const DX = 96;
const DY = 100;
/** Room above the roots for the node's name. */
const TOP = 40;

interface Item {
  path: string;
  id: string;
  kind: 'supervisor' | 'worker';
  detail: string;
  children: Item[];
}

function itemOf(spec: ChildSpecData, parent: string | undefined): Item {
  const path = parent === undefined ? spec.id : `${parent}/${spec.id}`;
  if (spec.kind === 'supervisor')
    return {
      path,
      id: spec.id,
      kind: 'supervisor',
      detail: spec.strategy,
      children: spec.children.map((c) => itemOf(c, path)),
    };
  return { path, id: spec.id, kind: 'worker', detail: spec.behaviour, children: [] };
}

function el(parent: Element, tag: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(SVG, tag) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent.appendChild(e);
  return e;
}

/** Draws every node's tree side by side into a new `<svg>` that scales to its box. */
export function drawStaticTree(workspace: Workspace): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'static-tree');
  svg.setAttribute('role', 'img');
  const names: string[] = [];
  let x0 = 0;
  let height = 0;
  const g = el(svg, 'g', {});
  for (const node of workspace.nodes) {
    const root = hierarchy(itemOf(node.root, undefined), (d) => d.children);
    treeLayout<Item>().nodeSize([DX, DY])(root);
    let minX = Infinity;
    let maxX = -Infinity;
    root.each((n) => {
      minX = Math.min(minX, n.x ?? 0);
      maxX = Math.max(maxX, n.x ?? 0);
    });
    const shift = x0 - minX + DX / 2;
    const ng = el(g, 'g', { class: 'static-node', 'data-node': node.id });
    if (workspace.nodes.length > 1) {
      const title = el(ng, 'text', { class: 'node-title', x: shift + (minX + maxX) / 2, y: 0 });
      title.textContent = node.name;
    }
    // Elbows from below the parent's labels to the top of each child, as an org chart.
    for (const { source, target } of root.links()) {
      const x1 = shift + (source.x ?? 0);
      const x2 = shift + (target.x ?? 0);
      const y1 = (source.y ?? 0) + TOP + R + 32;
      const y2 = (target.y ?? 0) + TOP - R - 4;
      const mid = (y1 + y2) / 2;
      el(ng, 'path', { class: 'edge', d: `M${x1},${y1}V${mid}H${x2}V${y2}` });
    }
    root.each((n) => {
      const d = n.data;
      names.push(d.id);
      const pg = el(ng, 'g', {
        class: `proc ${d.kind}`,
        transform: `translate(${shift + (n.x ?? 0)},${(n.y ?? 0) + TOP})`,
        'data-path': d.path,
      });
      if (d.kind === 'supervisor')
        el(pg, 'rect', { class: 'shape', x: -R, y: -R, width: 2 * R, height: 2 * R, rx: 5 });
      else el(pg, 'circle', { class: 'shape', r: R });
      el(pg, 'text', { class: 'label', y: R + 15 }).textContent = d.id;
      el(pg, 'text', { class: 'detail', y: R + 28 }).textContent = d.detail;
      height = Math.max(height, (n.y ?? 0) + TOP + R + 36);
    });
    x0 = shift + maxX + DX / 2;
  }
  svg.setAttribute('viewBox', `0 0 ${Math.max(x0, DX)} ${Math.max(height, DY)}`);
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  svg.setAttribute('aria-label', `Supervision tree (not running yet): ${names.join(', ')}`);
  return svg;
}

/** The picture's look, inside the embed's shadow root. */
export const STATIC_CSS = `
.static-tree { width: 100%; height: 100%; display: block; }
.static-tree .edge { fill: none; stroke: var(--border, #8a8a8a); stroke-width: 1.5; }
.static-tree .shape { fill: ${STATUS_COLOUR.running}; stroke: ${STATUS_COLOUR.running}; fill-opacity: 0.35; stroke-width: 2; }
.static-tree .supervisor .shape { fill-opacity: 0.2; }
.static-tree text { fill: var(--fg, #222); font: 12px system-ui, sans-serif; text-anchor: middle; }
.static-tree .detail { fill: var(--fg-dim, #555); font-size: 10px; }
.static-tree .node-title { font-weight: 600; }
`;

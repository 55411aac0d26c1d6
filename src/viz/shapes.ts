import type { ProcStatus } from '../store/types';
import type { LayoutNodeKind } from './layout';
import { NODE_R, STATUS_GLYPH } from './theme';

/**
 * What one drawn process looks like, built once per element and repainted in
 * place. Supervisors are rounded squares with their strategy under the name,
 * workers circles, plain processes diamonds, a folded group two stacked
 * circles with its count.
 */

const SVG = 'http://www.w3.org/2000/svg';

/** Attribute writes skip values that did not change (a frame repaints ~1,000 nodes). */
const written = new WeakMap<Element, Map<string, string>>();
export function setAttr(el: Element, name: string, value: string | null): void {
  let cache = written.get(el);
  if (cache === undefined) written.set(el, (cache = new Map()));
  const v = value ?? '\u0000';
  if (cache.get(name) === v) return;
  cache.set(name, v);
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

function add(parent: Element, tag: string, attrs: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG, tag) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  parent.appendChild(el);
  return el;
}

const R = NODE_R;
const DIAMOND = `M0,${-R - 2}L${R + 2},0L0,${R + 2}L${-R - 2},0Z`;

/** The parts of a built process, so a repaint does not query the DOM. */
interface Parts {
  glyph: Element;
  label: Element;
  strategy: Element | undefined;
  count: Element | undefined;
  badge: Element;
  badgeText: Element;
  mail: Element;
  mailText: Element;
}
const partsOf = new WeakMap<SVGGElement, Parts>();

/** (Re)builds the inside of a process's `<g>` for its kind. */
export function buildProc(g: SVGGElement, kind: LayoutNodeKind): void {
  g.replaceChildren();
  written.delete(g);
  let count: Element | undefined;
  let strategy: Element | undefined;
  if (kind === 'supervisor') {
    add(g, 'rect', {
      class: 'ring',
      x: -R - 6,
      y: -R - 6,
      width: 2 * R + 12,
      height: 2 * R + 12,
      rx: 9,
    });
    add(g, 'rect', { class: 'shape', x: -R, y: -R, width: 2 * R, height: 2 * R, rx: 5 });
  } else if (kind === 'process') {
    add(g, 'circle', { class: 'ring', r: R + 7 });
    add(g, 'path', { class: 'shape', d: DIAMOND });
  } else if (kind === 'group') {
    add(g, 'circle', { class: 'ring', r: R + 9 });
    add(g, 'circle', { class: 'shape back', r: R, cx: 5, cy: -5 });
    add(g, 'circle', { class: 'shape', r: R });
    count = add(g, 'text', { class: 'count', y: 0 });
  } else {
    add(g, 'circle', { class: 'ring', r: R + 6 });
    add(g, 'circle', { class: 'shape', r: R });
  }
  const glyph = add(g, 'text', { class: 'glyph' });
  const label = add(g, 'text', { class: 'label', y: R + 14 });
  if (kind === 'supervisor') strategy = add(g, 'text', { class: 'strategy', y: R + 26 });
  const badge = add(g, 'g', {
    class: 'badge',
    transform: `translate(${R},${-R})`,
    visibility: 'hidden',
  });
  add(badge, 'rect', { x: -10, y: -7, width: 20, height: 14, rx: 7 });
  const badgeText = add(badge, 'text', {});
  const mail = add(g, 'g', {
    class: 'mailbox',
    transform: `translate(${R + 4},${R})`,
    visibility: 'hidden',
  });
  const mailText = add(mail, 'text', {});
  partsOf.set(g, { glyph, label, strategy, count, badge, badgeText, mail, mailText });
}

export interface ProcPaint {
  readonly kind: LayoutNodeKind;
  readonly status: ProcStatus;
  readonly label: string;
  readonly strategy: string | undefined;
  readonly generation: number;
  readonly count: number;
  readonly mailbox: number;
}

/** Repaints what changes: glyph, label, strategy, generation badge (×N restarts), mailbox count. */
export function paintProc(g: SVGGElement, p: ProcPaint): void {
  const parts = partsOf.get(g);
  if (parts === undefined) return;
  setText(parts.glyph, p.kind === 'group' ? '' : STATUS_GLYPH[p.status]);
  setText(parts.label, p.label);
  if (parts.strategy !== undefined) setText(parts.strategy, p.strategy ?? '');
  if (parts.count !== undefined)
    setText(parts.count, p.count > 999 ? `${Math.floor(p.count / 1000)}k` : String(p.count));
  setAttr(parts.badge, 'visibility', p.generation > 0 ? 'visible' : 'hidden');
  if (p.generation > 0) setText(parts.badgeText, `×${p.generation}`);
  setAttr(parts.mail, 'visibility', p.mailbox > 0 ? 'visible' : 'hidden');
  if (p.mailbox > 0) setText(parts.mailText, `✉${p.mailbox}`);
}

import { neighbour } from './keyboard';
import type { Layout, LayoutNode } from './layout';
import type { TreeViewOptions } from './types';

export interface InteractionDeps {
  readonly opts: TreeViewOptions;
  /** The layout drawn now. */
  layout(): Layout | undefined;
  /** Layout id → its `<g>` (kept by the process join). */
  readonly elById: ReadonlyMap<string, SVGGElement>;
  /** Pans (without zooming) so `n` is inside the view. */
  ensureVisible(n: LayoutNode): void;
}

export interface Interaction {
  /** A click or Enter: selects a process, opens a group. */
  activate(n: LayoutNode): void;
  /** A right-click, the context-menu key or Shift+F10. */
  context(n: LayoutNode, clientX: number, clientY: number): void;
  onKey(e: KeyboardEvent, n: LayoutNode): void;
  /** Moves keyboard focus to a drawn process and pans to it; false if it is not drawn. */
  focusId(id: string): boolean;
}

/**
 * What a person does to a drawn process, passed on to the caller's callbacks:
 * select, open a group, open the context menu; arrow keys, Home and End move
 * the focus (see keyboard.ts).
 */
export function createInteraction(deps: InteractionDeps): Interaction {
  const { opts, elById, ensureVisible } = deps;

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
    // Space is the page's pause key wherever focus is (the clock matters more than a second way
    // to select), so it is left to bubble up to the page's shortcuts; Enter selects.
    if (e.key === ' ') return;
    if (e.key === 'Enter') {
      activate(n);
    } else if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
      const r = (e.currentTarget as Element).getBoundingClientRect();
      context(n, r.left + r.width / 2, r.top + r.height / 2);
    } else if (e.key === 'Escape') {
      opts.onSelect?.(undefined, undefined);
    } else {
      const layout = deps.layout();
      const next = layout === undefined ? undefined : neighbour(layout, n.id, e.key);
      if (next === undefined) return;
      focusId(next);
    }
    e.preventDefault();
    e.stopPropagation();
  }

  function focusId(id: string): boolean {
    const g = elById.get(id);
    const n = deps.layout()?.byId.get(id);
    if (g === undefined || n === undefined) return false;
    g.focus({ preventScroll: true });
    ensureVisible(n);
    return true;
  }

  return { activate, context, onKey, focusId };
}

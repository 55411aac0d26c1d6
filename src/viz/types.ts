import type { LogEntry, PlaygroundData } from '../store/types';
import type { Layout, LayoutNode, LayoutNodeKind } from './layout';

/**
 * The tree view's public types, apart from `treeView.ts` so the parts it wires (`procJoin`,
 * `interaction`) can name them without importing the module that imports them.
 */

/** What the view reads from the store. */
export type TreeViewInput = Pick<
  PlaygroundData,
  'processes' | 'nodes' | 'log' | 'selected' | 'speed' | 'paused'
> &
  Partial<Pick<PlaygroundData, 'playhead'>>;

/** A right-click, the context-menu key or Shift+F10 on a drawn process. */
export interface ContextTarget {
  /** The pid key; undefined for a folded group (see `members`). */
  readonly pid: string | undefined;
  readonly path: string;
  readonly kind: LayoutNodeKind;
  readonly members: readonly string[];
  /** Where to open a menu, in client (viewport) coordinates. */
  readonly clientX: number;
  readonly clientY: number;
}

export interface TreeViewOptions {
  /** A click, Enter or Space on a process (`undefined`: Escape, or a click on the background). */
  onSelect?: (pid: string | undefined, node: LayoutNode | undefined) => void;
  onContextAction?: (target: ContextTarget) => void;
  /** A click, Enter or Space on a folded group: the caller adds its path to the layout's `expanded`. */
  onExpandGroup?: (path: string) => void;
  /** Default: the `prefers-reduced-motion` media query, followed live. */
  reducedMotion?: boolean;
  /** Dots alive at once (default 300); more are counted on their edge. */
  maxDots?: number;
  /**
   * A dot's label as the page's flavour writes it (`'EXIT'` → `:EXIT`, `boom` → `:boom` in
   * Elixir), given OTP's and the log entry it animates; OTP's when omitted.
   */
  labelText?: (erlang: string, e: LogEntry) => string;
  /** How long a message takes to fly at speed 1, in ms (default 700). */
  travelMs?: number;
}

export interface TreeView {
  /** Draws `layout`; colours, labels and badges follow `view` (so a memoised layout stays current). */
  update(view: TreeViewInput, layout: Layout): void;
  /** Zooms to show the whole picture (and keeps doing so as it grows, until the person pans or zooms). */
  fit(): void;
  /** How much a fit may enlarge a small tree (presenter mode: enough to fill a projector); refits. */
  setFitLimit(k: number): void;
  /** Moves keyboard focus to a process (and pans to it); false if it is not drawn. */
  focus(pid: string): boolean;
  destroy(): void;
}

import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import type { PlaygroundState } from '../../store/vanilla';
import { type Layout, layout } from '../../viz/layout';
import { Pacer } from '../../viz/pacer';
import { STATUS_COLOUR } from '../../viz/theme';
import { createTreeView } from '../../viz/treeView';
import type { ContextTarget, TreeView } from '../../viz/types';
import type { LogEntry } from '../../store/types';
import { usePlaygroundContext, useUi, useView } from '../context';
import { elixirLabel } from '../logText';
import { useElixir } from '../useElixir';
import { ContextMenu } from './ContextMenu';
import { LessonCard } from './LessonCard';
import { SafeModeBanner } from './SafeModeBanner';
import { NodesBar } from './NodesBar';
import { Timeline } from './Timeline';

/** Loaded when the Sequence tab is first opened (not in the page's or an embed's first JavaScript). */
const SequenceView = lazy(() =>
  import('./SequenceView').then((m) => ({ default: m.SequenceView })),
);

/**
 * React owns the `<svg>`; the D3 view owns what is inside. The view is
 * created once in an effect and fed from the store at most once a frame; the
 * layout is recomputed only when the picture's shape (`structure`), the
 * selection or the unfolded groups change. Statuses, mailboxes and a live
 * group's running count change every frame; the view paints them from
 * `processes` without a new layout.
 */
export function TreeCanvas() {
  const { view, ui, dispatch } = usePlaygroundContext();
  const svgRef = useRef<SVGSVGElement>(null);
  const treeRef = useRef<TreeView | null>(null);
  const [menu, setMenu] = useState<ContextTarget>();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const picking = useUi((s) => s.pick !== undefined);
  const largeText = useUi((s) => s.largeText);
  const paused = useView((s) => s.paused);
  /** The tree, or the sequence chart of the selected process (the D3 view stays mounted). */
  const [tab, setTab] = useState<'tree' | 'sequence'>('tree');
  const readonly = useUi((s) => s.readonly);
  const present = useUi((s) => s.present);
  // Dot labels in the workspace's flavour; a ref, so the view (made once) follows a switch.
  const elixir = useElixir();
  const labelRef = useRef<(erlang: string, e: LogEntry) => string>((erlang) => erlang);
  labelRef.current = elixir
    ? (erlang, e) => elixirLabel(erlang, e, (v) => elixir.formatTermIn('elixir', v))
    : (erlang) => erlang;

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return undefined;
    const tree = createTreeView(svg, {
      labelText: (erlang, e) => labelRef.current(erlang, e),
      onSelect: (pid) => {
        if (pid !== undefined) dispatch({ type: 'pick', target: pid });
        else if (ui.getState().pick) dispatch({ type: 'cancel_pick' });
        else dispatch({ type: 'select', target: undefined });
      },
      onContextAction: (target) => {
        if (target.pid !== undefined) dispatch({ type: 'select', target: target.pid });
        setMenu(target);
      },
      onExpandGroup: (path) => setExpanded((s) => new Set([...s, path])),
    });
    treeRef.current = tree;

    let frame = 0;
    let cached: { structure: number; selected: unknown; layout: Layout } | undefined;
    // A flood reshapes the tree every frame: new layouts take at most a fifth of the main thread,
    // repaints (the browser's drawing included) a third; between them the last picture stays,
    // and the page keeps answering.
    const pacer = new Pacer(0.2);
    const painter = new Pacer(0.35);
    let deferred: ReturnType<typeof setTimeout> | undefined;
    const later = (wait: number) => {
      deferred ??= setTimeout(() => {
        deferred = undefined;
        schedule();
      }, wait);
    };
    const draw = () => {
      frame = 0;
      const s: PlaygroundState = view.getState();
      const selectionMoved = cached !== undefined && cached.selected !== s.selected;
      const busy = selectionMoved ? 0 : painter.wait();
      if (busy > 0) return later(busy);
      if (!cached || cached.structure !== s.structure || cached.selected !== s.selected) {
        const wait = cached !== undefined && cached.selected === s.selected ? pacer.wait() : 0;
        if (wait > 0) {
          later(wait);
        } else {
          const pinned = new Set(s.selected === undefined ? [] : [s.selected]);
          cached = pacer.run(() => ({
            structure: s.structure,
            selected: s.selected,
            layout: layout(s, {
              pinned,
              expanded: expandedRef.current.expanded,
              ...spacing(expandedRef.current.largeText),
            }),
          }));
        }
      }
      if (!cached) return;
      // A repaint costs the browser more than the update: it ends when the frame has been drawn.
      const painted = painter.begin();
      tree.update(s, cached.layout);
      requestAnimationFrame(painted);
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(draw);
    };
    const expandedRef = { current: layoutInputs.current };
    redraw.current = () => {
      expandedRef.current = layoutInputs.current;
      cached = undefined;
      schedule();
      requestAnimationFrame(() => tree.fit());
    };
    draw();
    const off = view.subscribe(schedule);
    const resize = new ResizeObserver(() => tree.fit());
    resize.observe(svg);
    return () => {
      off();
      resize.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
      if (deferred !== undefined) clearTimeout(deferred);
      redraw.current = () => undefined;
      tree.destroy();
      treeRef.current = null;
    };
  }, [view, ui, dispatch]);

  // Presenter mode: a small tree is enlarged to fill the projector, labels and dots with it.
  useEffect(() => {
    treeRef.current?.setFitLimit(present ? PRESENT_MAX_FIT : PAGE_MAX_FIT);
  }, [present]);

  // Unfolded groups and large text change the layout, not the store: redraw by hand.
  const layoutInputs = useRef({ expanded, largeText });
  const redraw = useRef<() => void>(() => undefined);
  useEffect(() => {
    layoutInputs.current = { expanded, largeText };
    redraw.current();
  }, [expanded, largeText]);

  return (
    <section className="panel tree-panel" aria-label="Supervision tree" data-picking={picking}>
      <div className="tree-bar">
        <NodesBar onFit={() => treeRef.current?.fit()} />
        {paused && (
          <span className="paused-badge" data-testid="paused-badge">
            ❚❚ paused — Space resumes, . steps
          </span>
        )}
        <div role="tablist" aria-label="View" className="view-tabs">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'tree'}
            onClick={() => setTab('tree')}
          >
            Tree
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'sequence'}
            onClick={() => setTab('sequence')}
          >
            Sequence
          </button>
        </div>
        <Legend />
      </div>
      <SafeModeBanner />
      <LessonCard />
      <svg
        ref={svgRef}
        className="tree-svg"
        role="group"
        aria-label="Supervision tree: Tab to a process, arrow keys to move, Enter to select"
        data-testid="tree"
        style={tab === 'tree' ? undefined : { display: 'none' }}
      />
      {tab === 'sequence' && (
        <Suspense fallback={<p className="field-hint">Loading the sequence…</p>}>
          <SequenceView />
        </Suspense>
      )}
      <Timeline />
      {menu && !readonly && <ContextMenu target={menu} onClose={() => setMenu(undefined)} />}
    </section>
  );
}

/** How much a fit may enlarge the tree: on the page, and in presenter mode. */
const PAGE_MAX_FIT = 1.5;
const PRESENT_MAX_FIT = 4;

/**
 * Spacing for the layout: tighter than the viz's default so the fitted tree is drawn larger; in
 * large-text mode, wider columns for the bigger labels (text size relative to the tree is what
 * the back row can read once the view is fitted).
 */
function spacing(largeText: boolean): {
  nodeSize: readonly [number, number];
  regionPadding: number;
} {
  return largeText
    ? { nodeSize: [100, 96], regionPadding: 34 }
    : { nodeSize: [78, 96], regionPadding: 36 };
}

function Legend() {
  const items = Object.entries(STATUS_COLOUR);
  return (
    <div className="tree-legend" aria-hidden="true">
      <span>■ supervisor ● worker</span>
      {items.map(([label, colour]) => (
        <span key={label}>
          <span className="swatch" style={{ background: colour }} />
          {label}
        </span>
      ))}
      <span>— link ┄ monitor</span>
    </div>
  );
}

import { useEffect, useRef } from 'react';
import type { DialogState } from '../../app/uiStore';
import { pathOf } from '../../store/selectors';
import { usePlaygroundContext } from '../context';

/** The tree path of the process (or supervisor) a dialog acts on, if it acts on one. */
function actedOn(
  d: DialogState,
  pathOfKey: (key: string) => string | undefined,
): string | undefined {
  if (d.kind === 'send' || d.kind === 'crash' || d.kind === 'exit_signal')
    return pathOfKey(d.target) ?? d.target;
  if (d.kind === 'add_child' || d.kind === 'flags') return d.supPath;
  return undefined;
}

/**
 * After a dialog about a process closes, keyboard focus goes to that process in the tree, not to
 * whatever opened the dialog (a context-menu item that is gone, an inspector button): a keyboard
 * user crashes, then goes on from the process. Drawn processes are keyed by path, so the one that
 * restarted is the same element. This runs after the dialog's own cleanup (which refocuses its
 * opener), as a parent's effects follow its unmounted children's cleanups.
 */
export function useReturnFocus(dialog: DialogState | undefined): void {
  const { view } = usePlaygroundContext();
  const path = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (dialog) {
      path.current = actedOn(dialog, (key) => pathOf(view.getState(), key));
      return;
    }
    const target = path.current;
    path.current = undefined;
    if (target === undefined) return;
    const el = document.querySelector<SVGGElement>(
      `g.proc[data-path="${CSS.escape(target)}"]:not(.leaving)`,
    );
    el?.focus({ preventScroll: false });
  }, [dialog, view]);
}

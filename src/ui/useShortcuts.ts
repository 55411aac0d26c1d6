import { useEffect } from 'react';
import { pathOf, treeParent } from '../store/selectors';
import type { PlaygroundState } from '../store/vanilla';
import { usePlaygroundContext } from './context';
import { type ShortcutContext, findShortcut } from '../app/shortcuts';
import type { UiState } from '../app/uiStore';

/** Where a typed key belongs to the control, not to the page. */
function typingInto(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el.closest('.cm-editor')) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset'].includes(type);
  }
  return false;
}

/** Space on a native button or link presses it; everywhere else it pauses. */
const activatesOnSpace = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement &&
  (el.tagName === 'BUTTON' ||
    el.tagName === 'A' ||
    el.tagName === 'SUMMARY' ||
    el.tagName === 'INPUT');

export function shortcutContext(ui: UiState, view: PlaygroundState): ShortcutContext {
  const sel = view.selected === undefined ? undefined : view.processes.get(view.selected);
  let addChildTarget: string | undefined;
  if (sel) {
    const sup = sel.kind === 'supervisor' ? sel : treeParent(view, sel);
    if (sup?.kind === 'supervisor') addChildTarget = pathOf(view, sup.key);
  }
  return {
    ui,
    selected: view.selected,
    speed: view.speed,
    addChildTarget,
    selectedTrapsExits: sel?.trapExit ?? false,
  };
}

/** The page's keyboard layer: one listener, the table in shortcuts.ts, the one dispatch. */
export function useShortcuts(): void {
  const { ui, view, dispatch } = usePlaygroundContext();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (ui.getState().dialog) return; // a dialog handles its own keys (Escape closes it)
      if (typingInto(e.target)) return;
      if (e.key === ' ' && activatesOnSpace(e.target)) return;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const sc = findShortcut(e.key === '?' ? '?' : key);
      if (!sc) return;
      const ctx = shortcutContext(ui.getState(), view.getState());
      if (sc.only && !sc.only(ctx)) return;
      const result = sc.run(ctx);
      e.preventDefault();
      if (result === undefined) return;
      if (typeof result === 'string') dispatch({ type: 'toast', text: result, tone: 'error' });
      else dispatch(result);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ui, view, dispatch]);
}

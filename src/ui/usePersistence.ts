import { useEffect } from 'react';
import { usePlaygroundContext } from './context';
import { savePrefs } from '../app/workspace/prefs';
import { localStore } from '../app/workspace/pageStorage';
import { debounce, saveSession } from '../app/workspace/storage';

const SAVE_DELAY_MS = 400;

/** Said once when the browser denies storage (a sandboxed frame, some private modes). */
export const NO_STORAGE_NOTE =
  'Saving is off: this browser does not let the page store anything. Use Export or Share to keep your work.';

/**
 * Saves the workspace and speed as they change (debounced, and at once when
 * the page is hidden); only a session that validates is written, so a bad
 * edit never replaces the last good one. Preferences are saved on their own.
 */
export function usePersistence(): void {
  const { ui, view, dispatch } = usePlaygroundContext();
  useEffect(() => {
    const store = localStore();
    if (!store) {
      // Once, though StrictMode runs this effect twice.
      if (!ui.getState().toasts.some((t) => t.text === NO_STORAGE_NOTE))
        dispatch({ type: 'toast', text: NO_STORAGE_NOTE });
      return undefined;
    }
    let lastError: string | undefined;
    const save = debounce(() => {
      const r = saveSession(store, {
        workspace: ui.getState().workspace,
        speed: view.getState().speed,
      });
      if (!r.ok && r.error !== lastError)
        dispatch({ type: 'toast', text: `not saved: ${r.error}`, tone: 'error' });
      lastError = r.ok ? undefined : r.error;
    }, SAVE_DELAY_MS);
    const offUi = ui.subscribe((s, prev) => {
      if (s.workspace !== prev.workspace) save.call();
      if (s.largeText !== prev.largeText || s.theme !== prev.theme)
        savePrefs(store, { largeText: s.largeText, theme: s.theme });
    });
    const offView = view.subscribe((s, prev) => {
      if (s.speed !== prev.speed) save.call();
    });
    const onHide = () => save.flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    // Save what we booted with (a link opened at boot only when nothing was saved and it had no code).
    save.call();
    return () => {
      offUi();
      offView();
      save.flush();
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [ui, view, dispatch]);
}

import type { Theme } from '../uiStore';
import type { KeyValue } from './storage';

/** Page preferences: not part of the workspace, not shared. */
export interface Prefs {
  largeText: boolean;
  theme: Theme;
}

export const PREFS_KEY = 'otp-playground:prefs';

export function loadPrefs(store: KeyValue | undefined, prefersLight: boolean): Prefs {
  const fallback: Prefs = { largeText: false, theme: prefersLight ? 'light' : 'dark' };
  try {
    const raw = store?.getItem(PREFS_KEY);
    if (!raw) return fallback;
    const p = JSON.parse(raw) as Partial<Prefs>;
    return {
      largeText: typeof p.largeText === 'boolean' ? p.largeText : fallback.largeText,
      theme: p.theme === 'light' || p.theme === 'dark' ? p.theme : fallback.theme,
    };
  } catch {
    return fallback;
  }
}

export function savePrefs(store: KeyValue | undefined, prefs: Prefs): void {
  try {
    store?.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Storage disabled or full: preferences are a nicety.
  }
}

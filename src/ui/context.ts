import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { PlaygroundState, PlaygroundStore } from '../store/vanilla';
import type { Dispatch } from '../app/actions';
import type { Engine } from '../app/engine';
import type { UiState, UiStore } from '../app/uiStore';

/** One per playground instance, so two on a page share nothing. */
export interface PlaygroundContextValue {
  dispatch: Dispatch;
  ui: UiStore;
  /** The playground store (src/store): the folded runtime state, selection, speed. */
  view: PlaygroundStore;
  engine: Engine;
}

export const PlaygroundContext = createContext<PlaygroundContextValue | null>(null);

export function usePlaygroundContext(): PlaygroundContextValue {
  const c = useContext(PlaygroundContext);
  if (!c) throw new Error('missing: <PlaygroundContext.Provider>');
  return c;
}

export function useDispatch(): Dispatch {
  return usePlaygroundContext().dispatch;
}

export function useUi<T>(selector: (s: UiState) => T): T {
  return useStore(usePlaygroundContext().ui, selector);
}

/** Reads the folded runtime state; the selector must return a stable value (no new objects). */
export function useView<T>(selector: (s: PlaygroundState) => T): T {
  return useStore(usePlaygroundContext().view, selector);
}

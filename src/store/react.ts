// The one React file in src/store, as zustand itself splits `vanilla` and `react`: the lint rule
// keeps React out of the store, and this file is the deliberate, documented exception.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the React binding of the vanilla store
import { createContext, createElement, useContext } from 'react';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the React binding of the vanilla store
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { PlaygroundState, PlaygroundStore } from './vanilla';

const PlaygroundContext = createContext<PlaygroundStore | null>(null);

/** Makes `store` the one {@link usePlayground} reads below it (one per playground instance). */
export function PlaygroundProvider(props: {
  store: PlaygroundStore;
  children?: ReactNode;
}): ReactNode {
  return createElement(PlaygroundContext.Provider, { value: props.store }, props.children);
}

/** The store itself, for actions outside render (`usePlaygroundStore().getState().select(pid)`). */
export function usePlaygroundStore(): PlaygroundStore {
  const store = useContext(PlaygroundContext);
  if (store === null)
    throw new Error('usePlayground: no <PlaygroundProvider> above this component');
  return store;
}

/**
 * Reads the store through a selector; re-renders when the selected value
 * changes (by `Object.is`). Select primitives or stable objects: a selector
 * that builds a new object each call needs `useShallow` from `zustand/shallow`.
 */
export function usePlayground<T>(selector: (s: PlaygroundState) => T): T {
  return useStore(usePlaygroundStore(), selector);
}

import { useEffect, useState } from 'react';
import { createPlaygroundStore } from '../store/vanilla';
import { createDispatch } from './actions';
import { createClusterEngine } from './clusterEngine';
import { PlaygroundContext, type PlaygroundContextValue, useUi } from './context';
import { DialogHost } from './dialogs/DialogHost';
import { ErrorBoundary } from './ErrorBoundary';
import { Announcer } from './panels/Announcer';
import { EventLog } from './panels/EventLog';
import { Inspector } from './panels/Inspector';
import { Toasts } from './panels/Toasts';
import { Toolbar } from './panels/Toolbar';
import { TreeCanvas } from './panels/TreeCanvas';
import { createUiStore } from './uiStore';
import { usePersistence } from './usePersistence';
import { useShortcuts } from './useShortcuts';
import { type BootResult, bootSession } from './workspace/boot';
import { loadPrefs } from './workspace/prefs';

const storage = (): Storage | undefined => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
};

/** Reads the address bar and the saved session once, before anything renders. */
function boot(): BootResult {
  const result = bootSession(window.location, storage());
  if (result.clearHash) {
    // The link has been read; a reload should show later edits, not the link again.
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return result;
}

function createPlayground(): PlaygroundContextValue & { booted: BootResult } {
  const booted = boot();
  const prefersLight = window.matchMedia?.('(prefers-color-scheme: light)').matches ?? false;
  const ui = createUiStore(booted.session.workspace, loadPrefs(storage(), prefersLight));
  const view = createPlaygroundStore({ speed: booted.session.speed });
  const engine = createClusterEngine(view);
  const dispatch = createDispatch({
    engine,
    ui,
    view,
    copy: (text) =>
      navigator.clipboard?.writeText(text) ?? Promise.reject(new Error('no clipboard')),
  });
  engine.onNotice((text, tone) => dispatch({ type: 'toast', text, tone }));
  return { ui, view, engine, dispatch, booted };
}

/** The whole page: toolbar, tree, inspector, log; one playground instance. */
export function App() {
  return (
    <ErrorBoundary>
      <Playground />
    </ErrorBoundary>
  );
}

function Playground() {
  const [pg] = useState(createPlayground);

  useEffect(() => {
    const { engine, ui, view, booted, dispatch } = pg;
    engine.start(ui.getState().workspace, view.getState().speed);
    for (const p of booted.problems)
      dispatch({ type: 'toast', text: `${p} — started from the default tree`, tone: 'error' });
    if (booted.source === 'share') dispatch({ type: 'toast', text: 'opened a shared workspace' });
    return () => engine.stop();
  }, [pg]);

  return (
    <PlaygroundContext.Provider value={pg}>
      <Shell />
    </PlaygroundContext.Provider>
  );
}

function Shell() {
  useShortcuts();
  usePersistence();
  const largeText = useUi((s) => s.largeText);
  const theme = useUi((s) => s.theme);

  useEffect(() => {
    // Dialogs (top layer) and the body background follow the theme too.
    document.documentElement.className = `theme-${theme}${largeText ? ' large-text' : ''}`;
  }, [theme, largeText]);

  return (
    <div className={`app theme-${theme}${largeText ? ' large-text' : ''}`} data-testid="app">
      <Toolbar />
      <TreeCanvas />
      <Inspector />
      <EventLog />
      <DialogHost />
      <Toasts />
      <Announcer />
    </div>
  );
}

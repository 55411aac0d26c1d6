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
import { useBootGuard, useLinksInOpenTab } from './useLinks';
import { type BootResult, bootSession, takeLinkFromAddress } from './workspace/boot';
import { downloadFile, localStore, tabStore } from './workspace/pageStorage';
import { loadPrefs } from './workspace/prefs';
import { createVault } from './workspace/vault';

/** This page load, for the boot guard's heartbeat (a reload is a new page). */
const PAGE_ID = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

const dropSafeParam = () => {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('safe')) return;
  params.delete('safe');
  const q = params.toString();
  history.replaceState(null, '', window.location.pathname + (q ? `?${q}` : ''));
};

/**
 * Reads the address bar and the saved session once, before anything renders. A share link is
 * taken out of the address first, so a link that breaks the page does not come back on reload.
 */
function boot(): BootResult {
  const hash = takeLinkFromAddress(window.location, (url) => history.replaceState(null, '', url));
  return bootSession({
    loc: { hash, search: window.location.search },
    storage: localStore(),
    tab: tabStore(),
    pageId: PAGE_ID,
  });
}

function createPlayground(): PlaygroundContextValue & { booted: BootResult } {
  const booted = boot();
  const prefersLight = window.matchMedia?.('(prefers-color-scheme: light)').matches ?? false;
  const ui = createUiStore(
    booted.session.workspace,
    loadPrefs(localStore(), prefersLight),
    booted.safe,
  );
  const view = createPlaygroundStore({ speed: booted.session.speed });
  const engine = createClusterEngine(view);
  const dispatch = createDispatch({
    engine,
    ui,
    view,
    copy: (text) =>
      navigator.clipboard?.writeText(text) ?? Promise.reject(new Error('no clipboard')),
    vault: createVault(localStore()),
    download: downloadFile,
    leaveSafeMode: dropSafeParam,
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
    // Safe mode starts nothing; the banner's "Start nodes" does (and ends safe mode).
    if (!ui.getState().safeMode) engine.start(ui.getState().workspace, view.getState().speed);
    for (const p of booted.problems)
      dispatch({
        type: 'toast',
        text: `${p} — ${booted.source === 'saved' ? 'kept your saved workspace' : 'started from the default tree'}`,
        tone: 'error',
      });
    if (booted.notice !== undefined) dispatch({ type: 'toast', text: booted.notice });
    if (booted.offer && !ui.getState().dialog)
      ui.setState({ dialog: { kind: 'open_workspace', offer: booted.offer } });
    return () => engine.stop();
  }, [pg]);

  return (
    <PlaygroundContext.Provider value={pg}>
      <PlaygroundLayout />
    </PlaygroundContext.Provider>
  );
}

/** The page around one playground: panels, dialogs, toasts (not the shell process of worker/shell.ts). */
function PlaygroundLayout() {
  useShortcuts();
  usePersistence();
  useBootGuard(PAGE_ID);
  useLinksInOpenTab();
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

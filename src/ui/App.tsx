import { useEffect, useState } from 'react';
import { createPlayground, type Playground } from '../app/createPlayground';
import { downloadFile, localStore, tabStore } from '../app/workspace/pageStorage';
import { PlaygroundContext, useUi } from './context';
import { DialogHost } from './dialogs/DialogHost';
import { ErrorBoundary } from './ErrorBoundary';
import { Announcer } from './panels/Announcer';
import { EventLog } from './panels/EventLog';
import { Inspector } from './panels/Inspector';
import { RootDownBanner } from './panels/RootDownBanner';
import { Toasts } from './panels/Toasts';
import { PresenterStrip } from './panels/PresenterStrip';
import { Toolbar } from './panels/Toolbar';
import { TreeCanvas } from './panels/TreeCanvas';
import { UpdateBar } from './panels/UpdateBar';
import { usePersistence } from './usePersistence';
import { useShortcuts } from './useShortcuts';
import { useBootGuard, useLinksInOpenTab } from './useLinks';

/** This page load, for the boot guard's heartbeat (a reload is a new page). */
const PAGE_ID = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** The full page's playground: the window's address, storage, clipboard and media queries. */
function createPagePlayground(): Playground {
  const local = localStore();
  const tab = tabStore();
  return createPlayground({
    location: window.location,
    replaceUrl: (url) => history.replaceState(null, '', url),
    ...(local ? { storage: local } : {}),
    ...(tab ? { tabStorage: tab } : {}),
    ...(navigator.clipboard ? { clipboard: navigator.clipboard } : {}),
    ...(window.matchMedia ? { matchMedia: (q: string) => window.matchMedia(q) } : {}),
    download: downloadFile,
    pageId: PAGE_ID,
  });
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
  const [pg] = useState(createPagePlayground);

  useEffect(() => {
    pg.start();
    return () => pg.destroy();
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
  const present = useUi((s) => s.present);
  const classes = `theme-${theme}${largeText ? ' large-text' : ''}${present ? ' present' : ''}`;

  useEffect(() => {
    // Dialogs (top layer) and the body background follow the theme too.
    document.documentElement.className = classes;
  }, [classes]);

  return (
    <div className={`app ${classes}`} data-testid="app">
      {present ? <PresenterStrip /> : <Toolbar />}
      <TreeCanvas />
      <Inspector />
      <EventLog />
      <DialogHost />
      <RootDownBanner />
      <Toasts />
      <UpdateBar />
      <Announcer />
    </div>
  );
}

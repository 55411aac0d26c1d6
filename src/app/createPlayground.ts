import { createPlaygroundStore, type PlaygroundStore } from '../store/vanilla';
import { createDispatch, type Dispatch } from './actions';
import { type ClusterEngine, createClusterEngine } from './clusterEngine';
import { type PlayheadClock, createPlayheadClock } from './playhead';
import { watchLessonGoals } from './lessons/goalWatch';
import { lessonFromSearch } from './lessons/lessonUrl';
import { createTimers, type Timers } from './timers';
import { createUiStore, type UiStore } from './uiStore';
import { type BootResult, bootSession, takeLinkFromAddress } from './workspace/boot';
import { loadPrefs } from './workspace/prefs';
import type { Session } from './workspace/session';
import type { KeyValue } from './workspace/storage';
import { createVault } from './workspace/vault';

/**
 * What a playground reads from and writes to its page. The full page passes `window`'s; an embed
 * or a test passes its own (an embed has no address bar of its own and may have no storage).
 */
export interface PlaygroundEnv {
  /** The address: a share link in `hash` is opened (and taken out); `?safe=1`, `?speed=N`. */
  location: { origin: string; pathname: string; search: string; hash: string };
  /** Replaces the address (no new history entry); omitted, the address is left alone. */
  replaceUrl?: (url: string) => void;
  /** Where the session, prefs, backups and the boot guard live (localStorage in the page). */
  storage?: KeyValue;
  /** The tab's storage (sessionStorage), for the boot guard. */
  tabStorage?: KeyValue;
  /** Copies a share link. */
  clipboard?: { writeText(text: string): Promise<void> };
  /** For the theme's default (`prefers-color-scheme`). */
  matchMedia?: (query: string) => { matches: boolean };
  /** Saves a file (Export, Recover's download). */
  download?: (name: string, text: string) => void;
  /** This page load, for the boot guard's heartbeat. */
  pageId?: string;
  /** The engine; the cluster of Web Workers when omitted (tests pass a fake). */
  createEngine?: (view: PlaygroundStore) => ClusterEngine;
  /** How a lesson waits for the tree to settle; real time when omitted (tests move fake time). */
  sleep?: (ms: number) => Promise<void>;
  /**
   * What to run, given outright (an embed's `tree` option): the address's link and the saved
   * session are not read, and nothing is offered.
   */
  session?: Session;
  /** Watch only (an embed's `readonly`): the page's own controls edit and crash nothing. */
  readonly?: boolean;
}

/** One playground: it owns every store, worker, timer and counter it uses. */
export interface Playground {
  ui: UiStore;
  /** The playground store (src/store): the folded runtime state, selection, speed. */
  view: PlaygroundStore;
  engine: ClusterEngine;
  dispatch: Dispatch;
  booted: BootResult;
  timers: Timers;
  /** Walks the store's playhead through the steps at the chosen speed (once started). */
  playhead: PlayheadClock;
  /** Starts the nodes (unless in safe mode) and says what booting found. */
  start(): void;
  /** Stops the nodes and clears every timer; `start()` may follow (React's StrictMode). */
  destroy(): void;
}

/** Takes `?safe=1` out of the address once the person starts the nodes. */
const dropSafeParam = (env: PlaygroundEnv) => () => {
  const params = new URLSearchParams(env.location.search);
  if (!params.has('safe')) return;
  params.delete('safe');
  const q = params.toString();
  env.replaceUrl?.(env.location.pathname + (q ? `?${q}` : ''));
};

/**
 * Boots one playground: reads the address and the saved session once (a share link is taken out
 * of the address first, so a link that breaks the page does not come back on reload), then
 * creates its stores, engine and dispatch. Nothing runs until `start()`.
 */
export function createPlayground(env: PlaygroundEnv): Playground {
  const booted: BootResult = env.session
    ? {
        session: env.session,
        source: 'link',
        problems: [],
        offer: undefined,
        safe: undefined,
        notice: undefined,
      }
    : bootSession({
        loc: {
          hash: takeLinkFromAddress(env.location, env.replaceUrl ?? (() => undefined)),
          search: env.location.search,
        },
        storage: env.storage,
        tab: env.tabStorage,
        ...(env.pageId === undefined ? {} : { pageId: env.pageId }),
      });
  const prefersLight = env.matchMedia?.('(prefers-color-scheme: light)').matches ?? false;
  const ui = createUiStore(
    booted.session.workspace,
    loadPrefs(env.storage, prefersLight),
    booted.safe,
    env.readonly ?? false,
  );
  // `?present=1`: a teacher's link opens in presenter mode.
  if (new URLSearchParams(env.location.search).get('present') === '1')
    ui.setState({ present: true });
  const view = createPlaygroundStore({ speed: booted.session.speed });
  const engine = (env.createEngine ?? createClusterEngine)(view);
  const timers = createTimers();
  const playhead = createPlayheadClock(view, timers);
  const clipboard = env.clipboard;
  const dispatch = createDispatch({
    engine,
    ui,
    view,
    location: env.location,
    copy: (text) => clipboard?.writeText(text) ?? Promise.reject(new Error('no clipboard')),
    vault: createVault(env.storage),
    ...(env.download ? { download: env.download } : {}),
    leaveSafeMode: dropSafeParam(env),
    timers,
    ...(env.storage ? { storage: env.storage } : {}),
    ...(env.sleep ? { sleep: env.sleep } : {}),
  });
  let stopGoals: (() => void) | undefined;
  let urlLesson = lessonFromSearch(env.location.search);
  engine.onNotice((text, tone) => dispatch({ type: 'toast', text, tone }));

  return {
    ui,
    view,
    engine,
    dispatch,
    booted,
    timers,
    playhead,
    start() {
      // From now on the page shows the playhead, which walks the trace at the chosen speed.
      playhead.start();
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
      stopGoals ??= watchLessonGoals(ui, view, env.storage, (text) =>
        dispatch({ type: 'toast', text }),
      );
      // `?lesson=ID&step=N`: the same action the dialog and an embed's options dispatch. Again on
      // a second start (React's StrictMode stops the first one's replay), but refused only once.
      if (urlLesson && ui.getState().safeMode) {
        dispatch({
          type: 'toast',
          text: 'Safe mode: the lesson in the address opens once the nodes start (reload after Start nodes).',
        });
        urlLesson = undefined;
      }
      if (urlLesson && !booted.offer) {
        dispatch({ type: 'open_lesson', id: urlLesson.id, step: urlLesson.step });
        if (ui.getState().lesson === undefined) urlLesson = undefined;
      }
    },
    destroy() {
      stopGoals?.();
      stopGoals = undefined;
      playhead.stop();
      engine.stop();
      timers.destroy();
    },
  };
}

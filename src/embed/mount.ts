import { DEFAULT_SPEED } from '../base';
import type { Action } from '../app/actions';
import type { Session } from '../app/workspace/session';
import { EMBED_EVENTS, type EmbedEventName, type EmbedEvents } from './events';
import type { LiveEmbed } from './live';
import { lessonSession } from './lessonSource';
import { type EmbedOptions, type RawOptions, readOptions } from './options';
import { SHELL_CSS } from './shellCss';
import { STATIC_CSS, drawStaticTree } from './staticPicture';
import { resolveTree } from './treeSource';

/** What `mount()` returns: the embed's remote control. */
export interface EmbedHandle {
  /** Any action the page dispatches, e.g. `{ type: 'exit_signal', target: 'app_sup/counter', reason: 'kill' }`. Starts the embed if it is still a picture; queued until it runs. */
  dispatch(action: Action): void;
  /** Listens to `ready`, `crash`, `restart`, `lesson-step`, `error`; returns the unsubscribe. */
  on<K extends EmbedEventName>(name: K, fn: (detail: EmbedEvents[K]) => void): () => void;
  /** Makes the embed interactive now (loads the rest and starts its workers). */
  start(): Promise<void>;
  /** Stops its workers and timers and empties its box. Other embeds are untouched. */
  destroy(): void;
  /** Options that were unknown or invalid (also shown in the box and the console). */
  readonly problems: readonly string[];
  readonly options: EmbedOptions;
}

/** The mounted embed of each host element: mounting again replaces it. */
const mounted = new WeakMap<Element, EmbedHandle>();

function message(parent: Element, kind: 'problems' | 'error', lines: string[]): HTMLElement {
  const box = document.createElement('div');
  box.className = `embed-message embed-${kind}`;
  box.setAttribute('role', 'alert');
  box.dataset['testid'] = kind === 'error' ? 'embed-error' : 'embed-problems';
  const title = document.createElement('strong');
  title.textContent =
    kind === 'error' ? 'This playground could not start' : 'Some options were ignored';
  box.append(title);
  const ul = document.createElement('ul');
  for (const l of lines) {
    const li = document.createElement('li');
    li.textContent = l;
    ul.append(li);
  }
  box.append(ul);
  parent.append(box);
  return box;
}

function themeClass(theme: EmbedOptions['theme']): string {
  if (theme !== 'auto') return `theme-${theme}`;
  return window.matchMedia?.('(prefers-color-scheme: light)').matches
    ? 'theme-light'
    : 'theme-dark';
}

/**
 * Mounts a playground in `element` (under an open shadow root, so host and embed styles keep
 * apart and tests can still reach in). Until the person interacts with it — or it scrolls into
 * view with `autoplay`, or the host calls `dispatch`/`start` — it is a static picture of its tree:
 * this module only, no React, no Worker. Then the rest loads (`live.tsx`) and the tree runs in
 * workers of its own.
 */
export function mount(element: Element, raw: RawOptions = {}): EmbedHandle {
  mounted.get(element)?.destroy();
  const { options, problems } = readOptions(raw);
  for (const p of problems) console.warn(`otp-playground: ${p}`);

  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  shadow.replaceChildren();
  const style = document.createElement('style');
  style.textContent = SHELL_CSS + STATIC_CSS;
  const box = document.createElement('div');
  box.className = `otp-embed-box ${themeClass(options.theme)}`;
  if (options.height !== undefined && element instanceof HTMLElement)
    element.style.height = options.height;
  shadow.append(style, box);
  if (problems.length > 0) message(box, 'problems', problems);

  const listeners = new Map<EmbedEventName, Set<(d: never) => void>>();
  const emit = <K extends EmbedEventName>(name: K, detail: EmbedEvents[K]) => {
    for (const fn of listeners.get(name) ?? []) (fn as (d: EmbedEvents[K]) => void)(detail);
  };

  let destroyed = false;
  let live: LiveEmbed | undefined;
  let starting: Promise<void> | undefined;
  const queue: Action[] = [];
  let session: Session | undefined;
  const picture = document.createElement('div');
  picture.className = 'embed-static';
  const liveBox = document.createElement('div');
  liveBox.className = 'embed-live';
  box.append(picture, liveBox);

  if (options.lesson !== undefined && options.tree !== undefined) {
    const why = 'tree: ignored, a lesson starts from its own tree';
    console.warn(`otp-playground: ${why}`);
    message(box, 'problems', [why]);
  }
  const source =
    options.lesson !== undefined
      ? lessonSession(options.lesson, options.step, options.speed ?? DEFAULT_SPEED)
      : resolveTree(options.tree, document.baseURI);
  const sessionReady = source.then((r) => {
    if (destroyed) return;
    if (!r.ok) {
      console.warn(`otp-playground: ${r.error}`);
      picture.remove();
      message(box, 'error', [r.error]);
      emit('error', { message: r.error });
      return;
    }
    session = r.value;
    picture.append(drawStaticTree(r.value.workspace));
    const run = document.createElement('button');
    run.type = 'button';
    run.className = 'embed-run';
    run.textContent = '▶ Run this tree';
    picture.append(run);
  });

  const start = (): Promise<void> => {
    starting ??= sessionReady.then(async () => {
      if (destroyed || session === undefined) return;
      off();
      const { startLive } = await import('./live');
      if (destroyed) return;
      picture.remove();
      live = startLive(liveBox, shadow, session, options, emit);
      for (const a of queue.splice(0)) live.dispatch(a);
    });
    return starting;
  };

  // Any interaction with the box starts it: a click, a tap, a key, focus (Tab into it).
  const onInteract = () => void start();
  const kinds = ['pointerdown', 'keydown', 'focusin'] as const;
  for (const k of kinds) box.addEventListener(k, onInteract, { capture: true });
  let seen: IntersectionObserver | undefined;
  if (options.autoplay && typeof IntersectionObserver !== 'undefined') {
    seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void start();
    });
    seen.observe(element);
  } else if (options.autoplay) void start();
  function off() {
    for (const k of kinds) box.removeEventListener(k, onInteract, { capture: true });
    seen?.disconnect();
  }

  const handle: EmbedHandle = {
    problems,
    options,
    dispatch(action) {
      if (live) live.dispatch(action);
      else {
        queue.push(action);
        void start();
      }
    },
    on(name, fn) {
      if (!EMBED_EVENTS.includes(name)) throw new Error(`otp-playground: no event "${name}"`);
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(fn as (d: never) => void);
      return () => set.delete(fn as (d: never) => void);
    },
    start,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      off();
      live?.destroy();
      live = undefined;
      listeners.clear();
      shadow.replaceChildren();
      if (mounted.get(element) === handle) mounted.delete(element);
    },
  };
  mounted.set(element, handle);
  return handle;
}

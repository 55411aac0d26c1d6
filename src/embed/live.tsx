import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Action } from '../app/actions';
import { createPlayground, type Playground } from '../app/createPlayground';
import type { Session } from '../app/workspace/session';
import type { Theme } from '../app/uiStore';
import { downloadFile } from '../app/workspace/pageStorage';
import { PlaygroundContext } from '../ui/context';
import { EmbedErrorBoundary } from './EmbedErrorBoundary';
import uiCss from '../ui/styles.css?inline';
import embedCss from './embed.css?inline';
import { EmbedLayout } from './EmbedLayout';
import { watchEvents, type EmbedEmit } from './events';
import type { EmbedOptions } from './options';

/** A running embed: the lazily loaded half (React, the page's panels, the workers). */
export interface LiveEmbed {
  playground: Playground;
  dispatch(action: Action): void;
  destroy(): void;
}

/**
 * The playground's own site (where embed.js was loaded from): share links point there. Not
 * `new URL('./', import.meta.url)`, which Vite would take for an asset to bundle.
 */
const SITE = new URL(import.meta.env.BASE_URL, import.meta.url);

/** Copies when the browser lets this frame; a denied clipboard makes Share show the link instead. */
const clipboard = {
  writeText: (text: string): Promise<void> =>
    navigator.clipboard?.writeText
      ? navigator.clipboard.writeText(text)
      : Promise.reject(new Error('no clipboard')),
};

function themeOf(option: EmbedOptions['theme']): Theme {
  if (option !== 'auto') return option;
  return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

/**
 * Starts one embed's playground in `container` (inside the embed's shadow root): its own
 * stores, workers and timers (`createPlayground`), no storage (an embed saves nothing and
 * reads nothing of the host's), the page's panels in the compact layout.
 */
export function startLive(
  container: HTMLElement,
  styleRoot: ShadowRoot,
  session: Session,
  options: EmbedOptions,
  emit: EmbedEmit,
): LiveEmbed {
  const start: Session = { ...session, speed: options.speed ?? session.speed };
  const pg = createPlayground({
    location: { origin: SITE.origin, pathname: SITE.pathname, search: '', hash: '' },
    session: start,
    readonly: options.readonly,
    clipboard,
    download: downloadFile,
  });
  pg.ui.setState({ theme: themeOf(options.theme) });

  const style = document.createElement('style');
  style.textContent = `${uiCss}\n${embedCss}`;
  styleRoot.prepend(style);

  const reset = () => pg.dispatch({ type: 'load_session', session: start });
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <EmbedErrorBoundary>
        <PlaygroundContext.Provider value={pg}>
          <EmbedLayout chrome={options.chrome} reset={reset} />
        </PlaygroundContext.Provider>
      </EmbedErrorBoundary>
    </StrictMode>,
  );
  pg.start();
  const unwatch = watchEvents(pg, emit);
  // The lesson's own tree replaces `tree`, as `?lesson=ID&step=N` does on the page.
  if (options.lesson !== undefined)
    pg.dispatch({
      type: 'open_lesson',
      id: options.lesson,
      ...(options.step === undefined ? {} : { step: options.step }),
    });
  emit('ready', {});

  return {
    playground: pg,
    dispatch: (action) => pg.dispatch(action),
    destroy() {
      unwatch();
      root.unmount();
      pg.destroy();
      style.remove();
    },
  };
}

import type { Action } from '../app/actions';
import { EMBED_EVENTS } from './events';
import { mount } from './mount';
import { rawFromSearch } from './options';

/** The envelope of every message between an iframe embed and its parent. */
export const MESSAGE_TYPE = 'otp-playground';

/**
 * The iframe embed (`/embed.html?…`, or the same parameters on the main page): the options come
 * from the address, the embed fills the frame and runs at once unless `autoplay=false`. It obeys
 * `{ type: 'otp-playground', action }` messages and reports its events as
 * `{ type: 'otp-playground', event, detail }` — only to and from the origins listed in
 * `allow-origin`; a message from any other origin is ignored.
 */
export function runFrame(host: HTMLElement): void {
  const raw = rawFromSearch(location.search, (k) => k !== 'safe');
  raw.autoplay ??= 'true';
  host.style.height = '100vh';
  const handle = mount(host, raw);
  const allowed = handle.options.allowOrigin;
  const allows = (origin: string) => allowed.includes('*') || allowed.includes(origin);
  const parent = window.parent === window ? undefined : window.parent;

  window.addEventListener('message', (e: MessageEvent<unknown>) => {
    if (e.source !== parent || !allows(e.origin)) return;
    const data = e.data as { type?: unknown; action?: unknown } | null;
    if (typeof data !== 'object' || data === null || data.type !== MESSAGE_TYPE) return;
    const action = data.action as { type?: unknown } | null | undefined;
    if (typeof action !== 'object' || action === null || typeof action.type !== 'string') {
      post('error', {
        message: 'message: expected { type: "otp-playground", action: { type, … } }',
      });
      return;
    }
    try {
      handle.dispatch(action as Action);
    } catch (err) {
      post('error', { message: `action ${String(action.type)}: ${String(err)}` });
    }
  });

  function post(event: string, detail: unknown): void {
    if (!parent) return;
    // Posted once per allowed origin: the browser delivers it only if the parent is that origin.
    for (const origin of allowed) parent.postMessage({ type: MESSAGE_TYPE, event, detail }, origin);
  }
  for (const name of EMBED_EVENTS) handle.on(name, (detail) => post(name, detail));
}

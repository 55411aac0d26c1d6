import type { Action } from '../app/actions';
import type { EmbedEventName, EmbedEvents } from './events';
import { EMBED_EVENTS } from './events';
import { type EmbedHandle, mount } from './mount';
import { OPTION_NAMES, type RawOptions } from './options';

/**
 * `<otp-playground tree="…" chrome="minimal">`: the element form of {@link mount}. Its
 * attributes are the options; changing one remounts it. It re-dispatches the embed's events as
 * DOM events (`otp-crash`, `otp-restart`, `otp-lesson-step`, `otp-ready`, `otp-error`) and
 * offers the handle's `dispatch`, `on`, `start` as methods.
 */
export class OtpPlaygroundElement extends HTMLElement {
  static readonly observedAttributes = [...OPTION_NAMES];
  #handle: EmbedHandle | undefined;
  #pending = false;

  connectedCallback(): void {
    this.#schedule();
  }

  disconnectedCallback(): void {
    // A move in the DOM disconnects and reconnects in one task: only a real removal destroys.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#handle?.destroy();
      this.#handle = undefined;
    });
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.#schedule();
  }

  /** Attributes set one by one (or by a framework) remount once. */
  #schedule(): void {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      if (!this.isConnected) return;
      const raw: RawOptions = {};
      for (const a of this.attributes)
        if (
          a.name !== 'style' &&
          a.name !== 'class' &&
          a.name !== 'id' &&
          !a.name.startsWith('data-') &&
          !a.name.startsWith('aria-')
        )
          (raw as Record<string, string>)[a.name] = a.value;
      this.#handle = mount(this, raw);
      for (const name of EMBED_EVENTS)
        this.#handle.on(name, (detail) =>
          this.dispatchEvent(
            new CustomEvent(`otp-${name}`, { detail, bubbles: true, composed: true }),
          ),
        );
    });
  }

  /** The current mount's handle (undefined until connected). */
  get playground(): EmbedHandle | undefined {
    return this.#handle;
  }

  dispatch(action: Action): void {
    this.#handle?.dispatch(action);
  }

  on<K extends EmbedEventName>(name: K, fn: (detail: EmbedEvents[K]) => void): () => void {
    const listener = (e: Event) => fn((e as CustomEvent<EmbedEvents[K]>).detail);
    this.addEventListener(`otp-${name}`, listener);
    return () => this.removeEventListener(`otp-${name}`, listener);
  }

  start(): Promise<void> {
    return this.#handle?.start() ?? Promise.resolve();
  }
}

/** Registers `<otp-playground>` once (a second copy of embed.js on the page is harmless). */
export function define(): void {
  if (typeof customElements !== 'undefined' && !customElements.get('otp-playground'))
    customElements.define('otp-playground', OtpPlaygroundElement);
}

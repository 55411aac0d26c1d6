/**
 * `dist/embed.js`: put a live supervision tree on any page.
 *
 *   <script type="module" src="https://…/embed.js"></script>
 *   <otp-playground tree="#w2=…" chrome="minimal"></otp-playground>
 *
 * or `import { mount } from 'https://…/embed.js'; mount(el, { tree, chrome })`.
 * This entry is the light half (≤ 60 KB gzip, no Worker): options, the static picture, the
 * element. The running playground is loaded on first interaction (`live.tsx`).
 */
import { define } from './element';

export { mount, type EmbedHandle } from './mount';
export { OtpPlaygroundElement } from './element';
export { OPTION_NAMES, type EmbedOptions, type RawOptions } from './options';
export type { EmbedEventName, EmbedEvents } from './events';

define();

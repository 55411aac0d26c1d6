/// <reference types="vite-plugin-pwa/vanillajs" />

/** What the page hears from its service worker (pwa.config.ts). */
export interface OfflineEvents {
  /** The whole site is cached: from now on the page works without a network. */
  onOfflineReady(): void;
  /** A new deploy is cached and waiting; `reload` lets it take over and reloads the page. */
  onNeedRefresh(reload: () => void): void;
}

let registered = false;

/**
 * Registers the service worker, once per page and in the built site only (the dev server has
 * none). `virtual:pwa-register` (Workbox's window helper) is imported lazily so it is not part
 * of the page's initial JavaScript, and from a module, as the CSP allows no inline script.
 */
export async function registerOffline(events: OfflineEvents): Promise<void> {
  if (registered || !import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  registered = true;
  const { registerSW } = await import('virtual:pwa-register');
  const update = registerSW({
    onOfflineReady: () => events.onOfflineReady(),
    onNeedRefresh: () => events.onNeedRefresh(() => void update(true)),
  });
}

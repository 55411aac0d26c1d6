import { VitePWA } from 'vite-plugin-pwa';

/**
 * Works offline (issue 8): a workshop runs on bad wifi. The built site gets a service worker
 * (Workbox, `generateSW`) that precaches every file of the build: the page, its CSS, the lazily
 * loaded Modules editor, the node and compile-check worker scripts (+ Node and Restart node start
 * a new Worker from them), icons, the manifest, and the embed's files. Navigations (with any
 * query, `?speed=10`, `?lesson=…`) are answered with the cached index.html.
 *
 * Updates are a prompt, not autoUpdate: a new service worker waits until the person reloads from
 * the "new version" bar (`ui/panels/UpdateBar.tsx`). Taking over at once would delete the old
 * build's precached files under a page still running it, and that page's next + Node, Restart
 * node or Modules… would then ask the network for a worker script or chunk that is gone (and fail
 * offline); reloading by itself would cut a teacher off mid-sentence. The workspace is saved in
 * the browser, so the reload loses nothing.
 *
 * The registration is not injected into index.html (the page's CSP allows no inline script): the
 * page imports `virtual:pwa-register` lazily (`ui/offline.ts`), in the built site only; the dev
 * server gets no service worker (`devOptions` off).
 */
export function pwaPlugin() {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: false,
    devOptions: { enabled: false },
    manifest: {
      name: 'OTP Supervision Playground',
      short_name: 'OTP Playground',
      description:
        'Build Erlang/OTP supervision trees in the browser, crash processes, and watch supervisors restart them.',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: '#0f1419',
      background_color: '#0f1419',
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,ico,woff2}'],
      // The plugin adds the manifest and its icons itself; listing them twice only adds noise.
      globIgnores: ['icons/**'],
      // The node worker bundles the runtime and SES; keep headroom over Workbox's 2 MiB default.
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      navigateFallback: 'index.html',
      // embed.html is a page of its own, precached under its own name.
      navigateFallbackDenylist: [/\/embed\.html$/],
      cleanupOutdatedCaches: true,
      // The first service worker controls the page that installed it (nothing to replace yet), so
      // the first visit is already offline-proof without a reload; a later one still waits.
      clientsClaim: true,
    },
  });
}

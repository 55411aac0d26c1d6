import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { pwaPlugin } from './pwa.config';

const CSP_META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/;

/**
 * The Content-Security-Policy in index.html, per mode. The built page keeps it exactly as
 * written (scripts, workers and connections from its own origin only), and the build fails if
 * it is missing or loosened. The dev server needs two relaxations, for itself only: the React
 * Refresh preamble that @vitejs/plugin-react injects is an inline script, and HMR talks over a
 * WebSocket.
 */
function cspPlugin(): Plugin {
  let serving = false;
  return {
    name: 'otp-playground:csp',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const m = CSP_META.exec(html);
        if (!m) throw new Error('index.html: the Content-Security-Policy <meta> is missing');
        const policy = m[2] ?? '';
        if (!serving) {
          const scripts = /script-src[^;]*/.exec(policy)?.[0] ?? '';
          if (scripts === '' || /'unsafe-(inline|eval)'|\*|data:|blob:/.test(scripts))
            throw new Error(
              'index.html: the built page must allow scripts from its own origin only',
            );
          return html;
        }
        const dev = policy
          .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
          .replace("connect-src 'self'", "connect-src 'self' ws: wss:");
        return html.replace(CSP_META, `$1${dev}$3`);
      },
    },
  };
}

/** The embed's entry keeps a stable name, `dist/embed.js`, for docs sites to load. */
const EMBED_ENTRY = 'embed';

export default defineConfig({
  plugins: [react(), cspPlugin(), pwaPlugin()],
  build: {
    rolldownOptions: {
      input: {
        main: 'index.html',
        frame: 'embed.html',
        [EMBED_ENTRY]: 'src/embed/index.ts',
      },
      // embed.js is a module other pages import: keep its exports (mount, the element class).
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: (chunk) =>
          chunk.name === EMBED_ENTRY ? 'embed.js' : 'assets/[name]-[hash].js',
        // The lessons in a chunk of their own: an embed with a `lesson` option draws the
        // lesson's tree from it before interaction, without loading the page's code.
        codeSplitting: { groups: [{ name: 'lessons', test: /[\\/]src[\\/]lessons[\\/]/ }] },
      },
    },
  },
  experimental: {
    // URLs in JavaScript (lazy chunks, workers) resolve against the importing module, not the
    // page: embed.js loaded by a docs site on another origin must fetch the rest from here.
    renderBuiltUrl: (_file, { hostType }) => (hostType === 'js' ? { relative: true } : undefined),
  },
  worker: {
    // Module workers: `new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`.
    format: 'es',
  },
  server: { port: 5173, strictPort: true },
  // A docs site on another origin imports embed.js and its chunks: the preview serves them with
  // CORS, as public/_headers asks a real host to.
  preview: { port: 4173, strictPort: true, cors: true },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    exclude: ['node_modules', 'dist', 'e2e/**'],
    // The runtime has no DOM; a UI test that needs one adds `// @vitest-environment jsdom`
    // (and the jsdom package) at the top of its own file.
    environment: 'node',
  },
});

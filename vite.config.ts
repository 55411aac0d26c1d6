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

export default defineConfig({
  plugins: [react(), cspPlugin(), pwaPlugin()],
  worker: {
    // Module workers: `new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`.
    format: 'es',
  },
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    exclude: ['node_modules', 'dist', 'e2e/**'],
    // The runtime has no DOM; a UI test that needs one adds `// @vitest-environment jsdom`
    // (and the jsdom package) at the top of its own file.
    environment: 'node',
  },
});

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
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

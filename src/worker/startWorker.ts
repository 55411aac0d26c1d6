/**
 * Starts a module worker from its script's URL. A page may only start a worker from its own
 * origin, so when the script is elsewhere — an embed whose `embed.js` comes from the
 * playground's site while the page is a docs site's — the worker is started from a one-line
 * `blob:` module (a `data:` one in a sandboxed frame) that imports the real script (which the
 * playground's site serves with CORS).
 * Inside the worker, `import.meta.url` is still the script's own URL, so its chunks load from
 * where they were built.
 */
export function startModuleWorker(scriptUrl: string): { worker: Worker; release(): void } {
  const url = new URL(scriptUrl, import.meta.url);
  // `self.origin`, not `location.origin`: in a sandboxed frame the page's origin is opaque
  // ("null") though its address is not, and only the former decides what it may start.
  const pageOrigin = typeof self === 'undefined' ? undefined : self.origin;
  if (url.origin === pageOrigin) {
    try {
      return { worker: new Worker(url, { type: 'module' }), release: () => undefined };
    } catch {
      // Refused after all (a browser's own rule): the blob route below.
    }
  }
  const trampoline = `import ${JSON.stringify(url.href)};\n`;
  // A page with an opaque origin (a sandboxed frame) cannot start a worker from its own blob:
  // URLs (Chromium refuses them); a data: URL works there.
  if (pageOrigin === 'null')
    return {
      worker: new Worker(`data:text/javascript,${encodeURIComponent(trampoline)}`, {
        type: 'module',
      }),
      release: () => undefined,
    };
  const blobUrl = URL.createObjectURL(new Blob([trampoline], { type: 'text/javascript' }));
  // The blob URL must outlive the worker's first fetch of it; it is released with the worker.
  return {
    worker: new Worker(blobUrl, { type: 'module' }),
    release: () => URL.revokeObjectURL(blobUrl),
  };
}

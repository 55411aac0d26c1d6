import type { KeyValue } from './storage';

/** The page's localStorage, or undefined where it is disabled (private modes, sandboxed frames). */
export function localStore(): KeyValue | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** The tab's sessionStorage (it survives a reload of the same tab), or undefined. */
export function tabStore(): KeyValue | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/** Saves `text` as a file through a download link (no server involved). */
export function downloadFile(name: string, text: string): void {
  downloadBlob(name, new Blob([text], { type: 'application/json' }));
}

/** Saves a blob (a picture, a text file) as a file through a download link. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

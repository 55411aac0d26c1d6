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
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

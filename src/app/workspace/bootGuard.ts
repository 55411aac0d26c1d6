import type { KeyValue } from './storage';

/**
 * Did the last page with this workspace end badly? A page that froze (a flood of events, an
 * endless loop on the main thread) or crashed must not take the next visit down with it: the
 * next load opens in safe mode instead, with nothing started.
 *
 * Each open page has an entry in localStorage with a heartbeat, removed when the page is hidden
 * or unloaded. An entry left behind by this tab's previous page, or one whose heartbeat has
 * stopped, is a page that died while showing the playground. The error boundary also leaves a
 * mark when React crashed, so a reload after a crash is safe too.
 */
export const ALIVE_KEY = 'otp-playground:alive';
export const CRASHED_KEY = 'otp-playground:crashed';
/** In sessionStorage: the id of the last page shown in this tab (it survives a reload). */
export const TAB_KEY = 'otp-playground:page';
export const BEAT_MS = 2_000;
/** A heartbeat this old is a page that stopped running. */
export const STALE_MS = 10_000;

export type LastExit = { kind: 'clean' } | { kind: 'froze' } | { kind: 'crashed'; message: string };

type Beats = Record<string, number>;

function readBeats(store: KeyValue): Beats {
  try {
    const raw = store.getItem(ALIVE_KEY);
    const data: unknown = raw === null ? {} : JSON.parse(raw);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
    return Object.fromEntries(
      Object.entries(data).filter((e): e is [string, number] => typeof e[1] === 'number'),
    );
  } catch {
    return {};
  }
}

function writeBeats(store: KeyValue, beats: Beats): void {
  try {
    if (Object.keys(beats).length === 0) store.removeItem(ALIVE_KEY);
    else store.setItem(ALIVE_KEY, JSON.stringify(beats));
  } catch {
    // Storage full or disabled: no guard, nothing worse.
  }
}

/**
 * Called once at boot, before anything starts: how the last page ended, and this page
 * (`pageId`) registered as running.
 */
export function checkLastExit(
  local: KeyValue,
  tab: KeyValue | undefined,
  pageId: string,
  now: number,
): LastExit {
  const beats = readBeats(local);
  let previous: string | null = null;
  try {
    previous = tab?.getItem(TAB_KEY) ?? null;
    tab?.setItem(TAB_KEY, pageId);
  } catch {
    // No sessionStorage: only stale heartbeats count.
  }
  let froze = previous !== null && beats[previous] !== undefined;
  for (const [id, beat] of Object.entries(beats))
    if (id === previous || now - beat > STALE_MS) {
      if (now - beat > STALE_MS) froze = true;
      delete beats[id];
    }
  beats[pageId] = now;
  writeBeats(local, beats);
  let crashed: string | null = null;
  try {
    crashed = local.getItem(CRASHED_KEY);
    if (crashed !== null) local.removeItem(CRASHED_KEY);
  } catch {
    // ignore
  }
  if (crashed !== null) return { kind: 'crashed', message: crashed };
  return froze ? { kind: 'froze' } : { kind: 'clean' };
}

/** This page is still running (called every {@link BEAT_MS} while visible). */
export function beat(local: KeyValue, pageId: string, now: number): void {
  writeBeats(local, { ...readBeats(local), [pageId]: now });
}

/** This page is hidden or leaving: its end is not a crash. */
export function leave(local: KeyValue, pageId: string): void {
  const beats = readBeats(local);
  delete beats[pageId];
  writeBeats(local, beats);
}

/** The error boundary caught a crash: the next load starts in safe mode. */
export function markCrashed(local: KeyValue, message: string): void {
  try {
    local.setItem(CRASHED_KEY, message.slice(0, 500));
  } catch {
    // ignore
  }
}

export function clearCrashed(local: KeyValue): void {
  try {
    local.removeItem(CRASHED_KEY);
  } catch {
    // ignore
  }
}

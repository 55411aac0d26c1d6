import { describeError } from '../../base';
import { parseJson } from './parse';
import { type Session, validateSession } from './session';
import type { Checked } from './validate';

export const STORAGE_KEY = 'otp-playground:session:v1';
/** The one slot a rejected session went to before the ring; read once and moved into it. */
export const REJECTED_KEY = 'otp-playground:session:rejected';
/** Workspaces a person replaced (Reset, opening a link or a file, a restore): restorable. */
export const BACKUPS_KEY = 'otp-playground:backups:v1';
/** Saved workspaces that failed validation, or that the page crashed or froze with. */
export const QUARANTINE_KEY = 'otp-playground:quarantine:v1';
/** Each ring keeps this many, newest first; the next one drops the oldest, never the newest. */
export const RING_SIZE = 5;

/** The part of `Storage` we use, so tests can pass a Map-backed fake. */
export type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type Ring = 'backups' | 'quarantine';
/** A workspace kept aside: when, why, and its text exactly as it was (it may not parse). */
export interface Kept {
  at: number;
  reason: string;
  text: string;
}

const ringKey = (ring: Ring): string => (ring === 'backups' ? BACKUPS_KEY : QUARANTINE_KEY);

const read = (store: KeyValue, key: string): string | null => {
  try {
    return store.getItem(key);
  } catch {
    return null;
  }
};

/** The ring's entries, newest first (a damaged ring reads as empty). */
export function listKept(store: KeyValue, ring: Ring): Kept[] {
  const raw = read(store, ringKey(ring));
  if (raw === null) return [];
  const data = parseJson(raw, ring);
  if (!data.ok || !Array.isArray(data.value)) return [];
  return (data.value as unknown[]).filter(
    (k): k is Kept =>
      typeof k === 'object' &&
      k !== null &&
      typeof (k as Kept).at === 'number' &&
      typeof (k as Kept).reason === 'string' &&
      typeof (k as Kept).text === 'string',
  );
}

/**
 * Keeps `text` in `ring` (newest first, at most {@link RING_SIZE}). When storage is full the
 * oldest entries go first; returns false only when even this one alone does not fit.
 */
export function keep(
  store: KeyValue,
  ring: Ring,
  text: string,
  reason: string,
  now = Date.now(),
): boolean {
  const old = listKept(store, ring);
  if (old[0]?.text === text) return true; // the same workspace twice in a row is kept once
  const entries = [{ at: now, reason, text }, ...old].slice(0, RING_SIZE);
  for (let n = entries.length; n > 0; n--) {
    try {
      store.setItem(ringKey(ring), JSON.stringify(entries.slice(0, n)));
      return true;
    } catch {
      // Full: try again without the oldest.
    }
  }
  return false;
}

/** The saved session, kept as a backup before something replaces it. */
export function backupSaved(store: KeyValue, reason: string, now = Date.now()): void {
  const raw = read(store, STORAGE_KEY);
  if (raw !== null) keep(store, 'backups', raw, reason, now);
}

/** A session kept as a backup (what the page is showing, which may not be saved yet). */
export function backupSession(
  store: KeyValue,
  session: Session,
  reason: string,
  now = Date.now(),
): void {
  keep(
    store,
    'backups',
    JSON.stringify({ workspace: session.workspace, speed: session.speed }),
    reason,
    now,
  );
}

/** The session an entry holds, through the same parse and validator as a link. */
export function keptSession(k: Kept): Checked<Session> {
  const data = parseJson(k.text, 'kept workspace');
  if (!data.ok) return data;
  const s = validateSession(data.value);
  return s.ok ? s : { ok: false, error: `kept workspace: ${s.error}` };
}

/** The old single rejected slot, moved into the quarantine ring. */
function migrateRejected(store: KeyValue): void {
  const old = read(store, REJECTED_KEY);
  if (old === null) return;
  if (keep(store, 'quarantine', old, 'rejected by an earlier version', 0))
    try {
      store.removeItem(REJECTED_KEY);
    } catch {
      // Left where it was.
    }
}

export function loadSession(store: KeyValue): Checked<Session> | undefined {
  migrateRejected(store);
  const raw = read(store, STORAGE_KEY);
  if (raw === null) return undefined;
  const data = parseJson(raw, 'saved workspace');
  if (!data.ok) return quarantine(store, raw, data.error);
  const s = validateSession(data.value);
  return s.ok ? s : quarantine(store, raw, `saved workspace: ${s.error}`);
}

/** A saved session that does not validate is moved to the quarantine ring, never lost. */
function quarantine(store: KeyValue, raw: string, error: string): Checked<Session> {
  if (keep(store, 'quarantine', raw, error))
    try {
      store.removeItem(STORAGE_KEY);
    } catch {
      // Storage disabled: nothing more to do.
    }
  return { ok: false, error };
}

/** Saves only a session that validates, so a bad edit never overwrites the last good one. */
export function saveSession(store: KeyValue, session: Session): Checked<Session> {
  const s = validateSession(session);
  if (!s.ok) return s;
  try {
    store.setItem(STORAGE_KEY, JSON.stringify(s.value));
  } catch (e) {
    return { ok: false, error: `could not save: ${describeError(e)}` };
  }
  return s;
}

export function clearSession(store: KeyValue): void {
  try {
    store.removeItem(STORAGE_KEY);
  } catch {
    // ignore
  }
}

/** Calls `fn` once `ms` after the last call; `flush` runs a pending call now (on page hide). */
export function debounce<A extends unknown[]>(fn: (...a: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: A | undefined;
  const run = () => {
    timer = undefined;
    if (pending) {
      const a = pending;
      pending = undefined;
      fn(...a);
    }
  };
  return {
    call(...a: A) {
      pending = a;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(run, ms);
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      run();
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}

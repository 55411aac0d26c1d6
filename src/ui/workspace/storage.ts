import { describeError } from '../../base';
import type { Checked } from './validate';
import { type Session, validateSession } from './session';

export const STORAGE_KEY = 'otp-playground:session:v1';
/** A saved session that failed validation is moved here instead of being lost. */
export const REJECTED_KEY = 'otp-playground:session:rejected';

/** The part of `Storage` we use, so tests can pass a Map-backed fake. */
export type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function loadSession(store: KeyValue): Checked<Session> | undefined {
  let raw: string | null;
  try {
    raw = store.getItem(STORAGE_KEY);
  } catch {
    return undefined;
  }
  if (raw === null) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return quarantine(store, raw, 'saved workspace: not JSON');
  }
  const s = validateSession(data);
  return s.ok ? s : quarantine(store, raw, `saved workspace: ${s.error}`);
}

function quarantine(store: KeyValue, raw: string, error: string): Checked<Session> {
  try {
    store.setItem(REJECTED_KEY, raw);
    store.removeItem(STORAGE_KEY);
  } catch {
    // Storage full or disabled: nothing more to do.
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

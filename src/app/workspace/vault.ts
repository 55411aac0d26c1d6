import type { Session } from './session';
import {
  type Kept,
  type KeyValue,
  type Ring,
  backupSession,
  keptSession,
  listKept,
} from './storage';
import type { Checked } from './validate';

/**
 * What actions need from the browser's storage to keep a person's work recoverable: back up the
 * workspace being replaced, list the backups and the quarantined ones, read one back. Tests pass
 * one over a Map; without storage, nothing is kept and the lists are empty.
 */
export interface Vault {
  backup(session: Session, reason: string): void;
  list(ring: Ring): Kept[];
  session(ring: Ring, index: number): Checked<Session>;
}

export function createVault(store: KeyValue | undefined, now: () => number = Date.now): Vault {
  return {
    backup(session, reason) {
      if (store) backupSession(store, session, reason, now());
    },
    list: (ring) => (store ? listKept(store, ring) : []),
    session(ring, index) {
      const k = store ? listKept(store, ring)[index] : undefined;
      return k ? keptSession(k) : { ok: false, error: `missing: ${ring} entry ${index + 1}` };
    },
  };
}

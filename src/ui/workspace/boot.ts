import { defaultWorkspace } from './defaultWorkspace';
import { DEFAULT_SPEED, type Session, clampSpeed } from './session';
import { decodeShareHash } from './shareLink';
import { type KeyValue, loadSession } from './storage';

export interface BootResult {
  session: Session;
  /** Where it came from, for a toast. */
  source: 'share' | 'saved' | 'default';
  /** A share link or saved session that was rejected, named. */
  problems: string[];
  /** The hash to leave in the address bar (a loaded share link is removed, so a reload shows later edits). */
  clearHash: boolean;
}

/**
 * Picks the session to start with: a share link (`#w=`) first, then the
 * saved one, then the default tree. `?speed=N` overrides the speed (tests
 * run at 10×).
 */
export function bootSession(
  loc: { hash: string; search: string },
  storage: KeyValue | undefined,
): BootResult {
  const problems: string[] = [];
  let session: Session | undefined;
  let source: BootResult['source'] = 'default';
  let clearHash = false;

  const shared = decodeShareHash(loc.hash);
  if (shared) {
    clearHash = true;
    if (shared.ok) {
      session = shared.value;
      source = 'share';
    } else problems.push(shared.error);
  }
  if (!session && storage) {
    const saved = loadSession(storage);
    if (saved?.ok) {
      session = saved.value;
      source = 'saved';
    } else if (saved) problems.push(saved.error);
  }
  session ??= { workspace: defaultWorkspace(), speed: DEFAULT_SPEED };

  const params = new URLSearchParams(loc.search);
  const speed = params.get('speed');
  if (speed !== null && speed !== '' && Number.isFinite(Number(speed))) {
    session = { ...session, speed: clampSpeed(Number(speed)) };
  }
  return { session, source, problems, clearHash };
}

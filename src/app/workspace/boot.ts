import { DEFAULT_SPEED, clampSpeed } from '../../base';
import { type LastExit, checkLastExit } from './bootGuard';
import { defaultWorkspace } from './defaultWorkspace';
import { type Offer, makeOffer } from './linkOffer';
import type { Session } from './session';
import { decodeShareHash, isShareHash } from './shareLink';
import { type KeyValue, keep, loadSession } from './storage';
import type { Checked } from './validate';

/** Why nothing was started: `?safe=1`, or the last page with this workspace crashed or froze. */
export type SafeMode =
  { reason: 'asked' } | { reason: 'froze' } | { reason: 'crashed'; message: string };

export interface BootResult {
  /** What the page shows (and runs, unless in safe mode). */
  session: Session;
  source: 'link' | 'saved' | 'default';
  /** A share link or saved session that was rejected, named. */
  problems: string[];
  /** A valid link waiting for the person's answer (it replaces nothing until then). */
  offer: Offer | undefined;
  /** Set: start no node; a banner says why and offers to start. */
  safe: SafeMode | undefined;
  /** A line for a toast (a link opened, or already open). */
  notice: string | undefined;
}

export interface BootEnv {
  /** The address as it was before the page removed the link from it. */
  loc: { hash: string; search: string };
  storage: KeyValue | undefined;
  /** sessionStorage: tells a reload of a frozen page from a new visit. */
  tab?: KeyValue | undefined;
  pageId?: string;
  now?: number;
}

/**
 * Takes a share link out of the address bar *before* it is read, so a link that breaks the page
 * cannot break it again on reload; returns the link's hash (or '').
 */
export function takeLinkFromAddress(
  location: { hash: string; pathname: string; search: string },
  replace: (url: string) => void,
): string {
  const hash = location.hash;
  if (!isShareHash(hash)) return '';
  replace(location.pathname + location.search);
  return hash;
}

/** A link's session, or why it cannot be opened; undefined when the hash holds no link. */
export const readLink = (hash: string): Checked<Session> | undefined => decodeShareHash(hash);

/**
 * Picks what to show: the saved session, else the default tree. A share link never replaces
 * the saved one here: it becomes an `offer` the person answers (or opens at once when nothing
 * would be lost and it holds no code). `?safe=1`, or a last page that crashed or froze, starts
 * nothing. `?speed=N` overrides the speed (tests run at 10×).
 */
export function bootSession(env: BootEnv): BootResult {
  const { loc, storage } = env;
  const problems: string[] = [];
  const params = new URLSearchParams(loc.search);

  let exit: LastExit = { kind: 'clean' };
  if (storage && env.pageId !== undefined)
    exit = checkLastExit(storage, env.tab, env.pageId, env.now ?? Date.now());

  let saved: Session | undefined;
  if (storage) {
    const s = loadSession(storage);
    if (s?.ok) saved = s.value;
    else if (s) problems.push(s.error);
  }
  let safe: SafeMode | undefined =
    exit.kind === 'crashed'
      ? { reason: 'crashed', message: exit.message }
      : exit.kind === 'froze'
        ? { reason: 'froze' }
        : undefined;
  if (safe && saved && storage)
    keep(
      storage,
      'quarantine',
      JSON.stringify(saved),
      safe.reason === 'crashed'
        ? `the page crashed with it: ${safe.message}`
        : 'the page stopped responding with it',
      env.now,
    );
  if (params.get('safe') === '1') safe = { reason: 'asked' };

  let session: Session = saved ?? { workspace: defaultWorkspace(), speed: DEFAULT_SPEED };
  let source: BootResult['source'] = saved ? 'saved' : 'default';
  let offer: Offer | undefined;
  let notice: string | undefined;
  const link = readLink(loc.hash);
  if (link && !link.ok) problems.push(link.error);
  else if (link?.ok) {
    const o = makeOffer(link.value, 'link', saved ? { session: saved, saved: true } : undefined);
    if (o.ask) offer = o.offer;
    else {
      notice = o.reason;
      if (o.open) {
        session = link.value;
        source = 'link';
      }
    }
  }

  const speed = params.get('speed');
  if (speed !== null && speed !== '' && Number.isFinite(Number(speed)))
    session = { ...session, speed: clampSpeed(Number(speed)) };
  return { session, source, problems, offer, safe, notice };
}

import { useEffect } from 'react';
import { useDispatch } from './context';
import { BEAT_MS, beat, leave } from '../app/workspace/bootGuard';
import { readLink, takeLinkFromAddress } from '../app/workspace/boot';
import { localStore } from '../app/workspace/pageStorage';

/**
 * A share link opened in a tab that already shows the playground (pasted into the address bar,
 * clicked in a chat) changes only the hash: it is taken out of the address, read, and offered
 * like a link at boot.
 */
export function useLinksInOpenTab(): void {
  const dispatch = useDispatch();
  useEffect(() => {
    const onHash = () => {
      const hash = takeLinkFromAddress(window.location, (url) =>
        history.replaceState(null, '', url),
      );
      const link = readLink(hash);
      if (!link) return;
      if (link.ok) dispatch({ type: 'offer_session', session: link.value, source: 'link' });
      else dispatch({ type: 'toast', text: `${link.error} — kept your workspace`, tone: 'error' });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [dispatch]);
}

/**
 * The boot guard's heartbeat: while this page is visible it says so every couple of seconds;
 * hidden or gone, it says goodbye. A page that froze or died stops beating, and the next load
 * opens in safe mode (`workspace/bootGuard.ts`).
 */
export function useBootGuard(pageId: string): void {
  useEffect(() => {
    const store = localStore();
    if (!store) return undefined;
    const alive = () => {
      if (document.visibilityState === 'visible') beat(store, pageId, Date.now());
    };
    const onVisibility = () =>
      document.visibilityState === 'visible' ? alive() : leave(store, pageId);
    const onHide = () => leave(store, pageId);
    const timer = setInterval(alive, BEAT_MS);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onHide);
    window.addEventListener('pageshow', alive);
    alive();
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('pageshow', alive);
    };
  }, [pageId]);
}

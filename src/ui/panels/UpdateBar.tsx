import { useEffect, useState } from 'react';
import { useDispatch } from '../context';
import { registerOffline } from '../offline';

type Notice = { reload: () => void } | undefined;

/**
 * The service worker's two messages: "works offline now" (a toast, once, after the first visit)
 * and "a new version is ready" with Reload, which stays until answered (pwa.config.ts says why
 * updates wait for the person).
 */
export function UpdateBar() {
  const dispatch = useDispatch();
  const [notice, setNotice] = useState<Notice>();
  useEffect(() => {
    void registerOffline({
      onOfflineReady: () =>
        dispatch({
          type: 'toast',
          text: 'Saved for offline use: this page now works without a network.',
          tone: 'info',
        }),
      onNeedRefresh: (reload) => setNotice({ reload }),
    });
  }, [dispatch]);
  if (!notice) return null;
  return (
    <div className="update-bar" role="status" data-testid="update-bar">
      <span>A new version of the playground is ready. Your workspace is saved.</span>
      <button type="button" className="primary" onClick={notice.reload}>
        Reload
      </button>
      <button type="button" onClick={() => setNotice(undefined)}>
        Later
      </button>
    </div>
  );
}

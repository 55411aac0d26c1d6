import { useEffect, useState } from 'react';
import { registerOffline } from '../offline';

type Notice = { kind: 'ready' } | { kind: 'update'; reload: () => void } | undefined;

/**
 * The service worker's two messages: "works offline now" (once, after the first visit) and "a
 * new version is ready" with Reload (pwa.config.ts says why updates wait for the person).
 */
export function UpdateBar() {
  const [notice, setNotice] = useState<Notice>();
  useEffect(() => {
    void registerOffline({
      onOfflineReady: () => setNotice({ kind: 'ready' }),
      onNeedRefresh: (reload) => setNotice({ kind: 'update', reload }),
    });
  }, []);
  if (!notice) return null;
  return (
    <div className="update-bar" role="status" data-testid="update-bar">
      <span>
        {notice.kind === 'ready'
          ? 'Saved for offline use: this page now works without a network.'
          : 'A new version of the playground is ready. Your workspace is saved.'}
      </span>
      {notice.kind === 'update' && (
        <button type="button" className="primary" onClick={notice.reload}>
          Reload
        </button>
      )}
      <button type="button" onClick={() => setNotice(undefined)}>
        {notice.kind === 'update' ? 'Later' : 'OK'}
      </button>
    </div>
  );
}

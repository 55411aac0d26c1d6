import { useState } from 'react';
import { useDispatch } from '../context';
import { describeSummary, summarize } from '../../app/workspace/linkOffer';
import { localStore } from '../../app/workspace/pageStorage';
import { RING_SIZE, type Kept, type Ring, keptSession } from '../../app/workspace/storage';
import { createVault } from '../../app/workspace/vault';
import { Dialog } from './Dialog';
import { DialogButtons } from './Field';

const when = (at: number): string =>
  at === 0
    ? 'before this version'
    : new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Workspaces this browser keeps aside: backups (what Reset, a link, a file or a restore
 * replaced) and quarantined ones (a saved workspace that did not validate, or that the page
 * crashed or froze with). Each can be restored or downloaded as a file.
 */
export function RecoverDialog({ onClose }: { onClose: () => void }) {
  const [vault] = useState(() => createVault(localStore()));
  return (
    <Dialog title="Recover a workspace" onClose={onClose} wide testId="recover-dialog">
      <p className="dialog-lead">
        This browser keeps the last {RING_SIZE} workspaces that something replaced, and the last{' '}
        {RING_SIZE} that could not be started. Restoring one keeps the current workspace as a
        backup.
      </p>
      <KeptList title="Backups" ring="backups" entries={vault.list('backups')} />
      <KeptList title="Quarantined" ring="quarantine" entries={vault.list('quarantine')} />
      <DialogButtons>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </DialogButtons>
    </Dialog>
  );
}

function KeptList({ title, ring, entries }: { title: string; ring: Ring; entries: Kept[] }) {
  const dispatch = useDispatch();
  return (
    <section className="kept" aria-label={title}>
      <h3>{title}</h3>
      {entries.length === 0 ? (
        <p className="dim">None.</p>
      ) : (
        <ul className="kept-list" data-testid={`${ring}-list`}>
          {entries.map((k, index) => {
            const s = keptSession(k);
            const label = `${ring === 'backups' ? 'backup' : 'quarantined workspace'} from ${when(k.at)}`;
            return (
              <li key={`${k.at}-${index}`}>
                <div className="kept-text">
                  <strong>{when(k.at)}</strong> — {k.reason}
                  <br />
                  <span className="dim">
                    {s.ok
                      ? describeSummary(summarize(s.value.workspace))
                      : `does not open: ${s.error}`}
                  </span>
                </div>
                <div className="kept-buttons">
                  <button
                    type="button"
                    disabled={!s.ok}
                    aria-label={`Restore ${label}`}
                    onClick={() => dispatch({ type: 'restore_kept', ring, index })}
                  >
                    Restore
                  </button>
                  <button
                    type="button"
                    aria-label={`Download ${label}`}
                    onClick={() => dispatch({ type: 'download_kept', ring, index })}
                  >
                    Download
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

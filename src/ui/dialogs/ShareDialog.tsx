import { Dialog } from './Dialog';
import { DialogButtons } from './Field';

/** The link to copy, or why there is none (a workspace too big for a link goes by Export). */
export function ShareDialog({
  url,
  error,
  onClose,
}: {
  url: string | undefined;
  error: string | undefined;
  onClose: () => void;
}) {
  if (url === undefined)
    return (
      <Dialog title="Share this workspace" onClose={onClose} testId="share-dialog">
        <p className="dialog-lead" role="alert" data-testid="share-error">
          {error}
        </p>
        <DialogButtons>
          <button type="button" onClick={onClose} data-autofocus>
            Close
          </button>
        </DialogButtons>
      </Dialog>
    );
  return (
    <Dialog title="Share this workspace" onClose={onClose} testId="share-dialog">
      <p className="dialog-lead">
        Anyone who opens this link sees what it holds and chooses whether to open it; its module
        code runs only if they agree.
      </p>
      <label className="field">
        <span>Link ({url.length.toLocaleString('en')} characters)</span>
        <input
          className="mono"
          readOnly
          value={url}
          data-autofocus
          onFocus={(e) => e.currentTarget.select()}
          data-testid="share-url"
        />
      </label>
      <DialogButtons>
        <button
          type="button"
          className="primary"
          onClick={() => {
            void navigator.clipboard?.writeText(url).catch(() => undefined);
          }}
        >
          Copy link
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </DialogButtons>
    </Dialog>
  );
}

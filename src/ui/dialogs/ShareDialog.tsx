import { Dialog } from './Dialog';
import { DialogButtons } from './Field';

export function ShareDialog({ url, onClose }: { url: string; onClose: () => void }) {
  return (
    <Dialog title="Share this workspace" onClose={onClose} testId="share-dialog">
      <p className="dialog-lead">
        Anyone who opens this link gets the same tree, modules and speed.
      </p>
      <label className="field">
        <span>Link</span>
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

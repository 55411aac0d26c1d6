import { useDispatch } from '../context';
import { Dialog } from './Dialog';
import { DialogButtons } from './Field';

export function ConfirmResetDialog({ onClose }: { onClose: () => void }) {
  const dispatch = useDispatch();
  return (
    <Dialog title="Reset the workspace?" onClose={onClose} testId="reset-dialog">
      <p className="dialog-lead">
        This stops every node and starts the default tree again. Your current workspace, modules and
        added children included, is kept as a backup: Recover… brings it back.
      </p>
      <DialogButtons>
        <button type="button" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="primary danger"
          onClick={() => {
            dispatch({ type: 'reset_workspace' });
            onClose();
          }}
        >
          Reset workspace
        </button>
      </DialogButtons>
    </Dialog>
  );
}

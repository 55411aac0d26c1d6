import { useDispatch, useUi } from '../context';
import type { SafeMode } from '../../app/workspace/boot';

const why = (s: SafeMode): string => {
  switch (s.reason) {
    case 'asked':
      return 'Safe mode (?safe=1): the saved workspace is open, and no node has been started.';
    case 'froze':
      return 'The last page with this workspace stopped responding, so nothing has been started this time.';
    case 'crashed':
      return `The page crashed last time (${s.message}), so nothing has been started this time.`;
  }
};

/** Safe mode: says why nothing runs, and offers to start it, or to recover another workspace. */
export function SafeModeBanner() {
  const dispatch = useDispatch();
  const safe = useUi((s) => s.safeMode);
  if (!safe) return null;
  return (
    <section className="safe-banner" aria-label="Safe mode" data-testid="safe-banner">
      <p>
        <strong>Nothing is running.</strong> {why(safe)}
        {safe.reason === 'asked' ? '' : ' A copy of the workspace is kept under Recover.'}
      </p>
      <div className="lesson-buttons">
        <button type="button" className="primary" onClick={() => dispatch({ type: 'start_nodes' })}>
          Start nodes
        </button>
        <button
          type="button"
          onClick={() => dispatch({ type: 'open_dialog', dialog: { kind: 'recover' } })}
        >
          Recover…
        </button>
      </div>
    </section>
  );
}

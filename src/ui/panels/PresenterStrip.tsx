import { useDispatch } from '../context';
import { PauseButton } from './PauseButton';

/**
 * Presenter mode's only controls (the toolbar, inspector and log are hidden): the clock, the
 * lessons, and the way out. Everything else is on the keyboard or the lesson card.
 */
export function PresenterStrip() {
  const dispatch = useDispatch();
  return (
    <div className="presenter-strip" role="toolbar" aria-label="Presenter controls">
      <PauseButton />
      <button type="button" aria-keyshortcuts="." onClick={() => dispatch({ type: 'step' })}>
        Step
      </button>
      <button
        type="button"
        onClick={() => dispatch({ type: 'open_dialog', dialog: { kind: 'lessons' } })}
      >
        Lessons…
      </button>
      <button
        type="button"
        aria-keyshortcuts="P"
        onClick={() => dispatch({ type: 'toggle_present' })}
      >
        Exit presenter mode
      </button>
    </div>
  );
}

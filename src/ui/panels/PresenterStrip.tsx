import { useDispatch, useView } from '../context';

/**
 * Presenter mode's only controls (the toolbar, inspector and log are hidden): the clock, the
 * lessons, and the way out. Everything else is on the keyboard or the lesson card.
 */
export function PresenterStrip() {
  const dispatch = useDispatch();
  const paused = useView((s) => s.paused);
  return (
    <div className="presenter-strip" role="toolbar" aria-label="Presenter controls">
      <button
        type="button"
        className="primary"
        aria-keyshortcuts="Space"
        onClick={() => dispatch({ type: 'toggle_pause' })}
      >
        {paused ? '▶ Resume' : '❚❚ Pause'}
      </button>
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

import { useDispatch, useView } from '../context';

/**
 * The clock's Pause / Resume, the same in the toolbar, presenter mode's strip and an embed's
 * strip (`data-testid="play-pause"` everywhere). `shortcut`: where the page listens for Space
 * (an embed installs no page-wide keys, so it names none).
 */
export function PauseButton({ shortcut = true }: { shortcut?: boolean }) {
  const dispatch = useDispatch();
  const paused = useView((s) => s.paused);
  return (
    <button
      type="button"
      className="primary"
      {...(shortcut ? { 'aria-keyshortcuts': 'Space' } : {})}
      onClick={() => dispatch({ type: 'toggle_pause' })}
      data-testid="play-pause"
    >
      {paused ? '▶ Resume' : '❚❚ Pause'}
    </button>
  );
}

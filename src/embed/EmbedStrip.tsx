import { useDispatch, useUi, useView } from '../ui/context';
import { PauseButton } from '../ui/panels/PauseButton';
import { formatSpeed } from '../ui/panels/Toolbar';
import type { Chrome } from './options';

/** Speeds the strip offers: a select is smaller than the page's slider. */
const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10];

/**
 * The embed's controls in one row: the clock, the log, a reset to the embed's own tree and,
 * with `chrome="full"`, the page's workspace buttons. `readonly` drops everything that edits.
 */
export function EmbedStrip({
  chrome,
  logOpen,
  onToggleLog,
  reset,
}: {
  chrome: Chrome;
  logOpen: boolean;
  onToggleLog: () => void;
  reset: () => void;
}) {
  const dispatch = useDispatch();
  const speed = useView((s) => s.speed);
  const readonly = useUi((s) => s.readonly);
  const speeds = SPEEDS.includes(speed) ? SPEEDS : [...SPEEDS, speed].sort((a, b) => a - b);

  return (
    <div className="embed-strip" role="toolbar" aria-label="Playground controls">
      <PauseButton shortcut={false} />
      <button type="button" onClick={() => dispatch({ type: 'step' })}>
        Step
      </button>
      <select
        aria-label="Speed"
        value={speed}
        onChange={(e) => dispatch({ type: 'set_speed', speed: Number(e.target.value) })}
      >
        {speeds.map((s) => (
          <option key={s} value={s}>
            {formatSpeed(s)}
          </option>
        ))}
      </select>
      <button type="button" aria-pressed={logOpen} onClick={onToggleLog}>
        Log
      </button>
      {!readonly && (
        <button type="button" onClick={reset} title="Start this tree again">
          Reset
        </button>
      )}
      {chrome === 'full' && !readonly && (
        <>
          <button type="button" onClick={() => dispatch({ type: 'add_node' })}>
            + Node
          </button>
          <button
            type="button"

            onClick={() => dispatch({ type: 'open_dialog', dialog: { kind: 'modules' } })}
          >
            Modules…
          </button>
        </>
      )}
      {chrome === 'full' && (
        <button
          type="button"

          onClick={() => dispatch({ type: 'open_dialog', dialog: { kind: 'lessons' } })}
        >
          Lessons…
        </button>
      )}
      <span className="spacer" />
      <button
        type="button"
        onClick={() => dispatch({ type: 'share' })}
        title="A link to this tree in the full playground"
      >
        Open in playground
      </button>
    </div>
  );
}

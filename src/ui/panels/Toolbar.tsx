import { useId, useRef, useState } from 'react';
import type { Flavour } from '../../runtime';
import { useDispatch, useUi, useView } from '../context';
import { ImportButton } from './ImportButton';
import { PauseButton } from './PauseButton';
import { MAX_SPEED, MIN_SPEED } from '../../base';

/** The slider is logarithmic: 0.1× to 10× over 0..100, 1× in the middle. */
export const speedToSlider = (s: number): number =>
  Math.round((100 * Math.log(s / MIN_SPEED)) / Math.log(MAX_SPEED / MIN_SPEED));
export const sliderToSpeed = (v: number): number => {
  const s = MIN_SPEED * Math.pow(MAX_SPEED / MIN_SPEED, v / 100);
  return s < 1 ? Math.round(s * 10) / 10 : s < 3 ? Math.round(s * 4) / 4 : Math.round(s);
};
export const formatSpeed = (s: number): string => `${s < 1 ? s.toFixed(1) : Number(s.toFixed(2))}×`;

export function Toolbar() {
  const dispatch = useDispatch();
  const speed = useView((s) => s.speed);
  const flavour = useUi((s) => s.workspace.flavour);
  const largeText = useUi((s) => s.largeText);
  const theme = useUi((s) => s.theme);
  const pick = useUi((s) => s.pick);
  const pickFrom = useView((s) =>
    pick ? (s.processes.get(pick.from)?.childId ?? pick.from) : undefined,
  );
  // On a phone (styles.css, max-width 640px) everything but Pause folds into a menu; on a wide
  // screen the menu's box is `display: contents` and its button is hidden.
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const menuButton = useRef<HTMLButtonElement>(null);

  return (
    <header className="toolbar">
      <h1>
        <span className="brand-mark" aria-hidden="true">
          ◉
        </span>{' '}
        <span className="brand-text">
          OTP <span className="visually-hidden">Supervision </span>Playground
        </span>
      </h1>
      <PauseButton />
      <button
        type="button"
        className="menu-button"
        ref={menuButton}
        aria-expanded={menuOpen}
        aria-controls={menuId}
        onClick={() => setMenuOpen((o) => !o)}
      >
        <span aria-hidden="true">{menuOpen ? '✕' : '☰'}</span> Menu
      </button>
      <div
        className="toolbar-menu"
        id={menuId}
        data-open={menuOpen}
        onClick={(e) => {
          // An action taken from the open menu closes it (the slider and the select do not).
          if (e.target instanceof HTMLButtonElement) setMenuOpen(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && menuOpen) {
            e.stopPropagation();
            setMenuOpen(false);
            menuButton.current?.focus();
          }
        }}
      >
        <div className="group" role="group" aria-label="Clock">
          <button
            type="button"
            aria-keyshortcuts="."
            onClick={() => dispatch({ type: 'step' })}
            title="Step one event (.)"
          >
            Step
          </button>
          <label className="speed">
            <span>Speed</span>
            <input
              type="range"
              min={0}
              max={100}
              step={1}
              value={speedToSlider(speed)}
              aria-valuetext={`${formatSpeed(speed)} real time`}
              onChange={(e) =>
                dispatch({ type: 'set_speed', speed: sliderToSpeed(Number(e.target.value)) })
              }
              data-testid="speed"
            />
            <output aria-live="off" data-testid="speed-value">
              {formatSpeed(speed)}
            </output>
          </label>
        </div>
        <span className="sep" aria-hidden="true" />
        <div className="group" role="group" aria-label="Workspace">
          <button type="button" onClick={() => dispatch({ type: 'add_node' })}>
            + Node
          </button>
          <button
            type="button"
            onClick={() => dispatch({ type: 'open_dialog', dialog: { kind: 'lessons' } })}
          >
            Lessons…
          </button>
          <button
            type="button"
            aria-keyshortcuts="U"
            onClick={() => dispatch({ type: 'open_dialog', dialog: { kind: 'modules' } })}
          >
            Modules…
          </button>
          <label className="speed">
            <span className="visually-hidden">Flavour</span>
            <select
              value={flavour}
              aria-label="Flavour"
              onChange={(e) =>
                dispatch({ type: 'set_flavour', flavour: e.target.value as Flavour })
              }
            >
              <option value="erlang">Erlang</option>
              <option value="elixir">Elixir</option>
            </select>
          </label>
          <button
            type="button"
            onClick={() => dispatch({ type: 'share' })}
            title="A link that opens this workspace anywhere"
          >
            Share
          </button>
          <button
            type="button"
            onClick={() => dispatch({ type: 'open_dialog', dialog: { kind: 'export' } })}
            title="The workspace as a file, the tree as a picture, a sequence as Mermaid"
          >
            Export…
          </button>
          <ImportButton />
          <button
            type="button"
            onClick={() => dispatch({ type: 'open_dialog', dialog: { kind: 'recover' } })}
            title="Backups of replaced workspaces, and ones that could not start"
          >
            Recover…
          </button>
          <button
            type="button"
            onClick={() => dispatch({ type: 'open_dialog', dialog: { kind: 'confirm_reset' } })}
          >
            Reset
          </button>
        </div>
        <span className="spacer" />
        <div className="group view-group" role="group" aria-label="View">
          <button
            type="button"
            className="icon-button"
            aria-pressed={largeText}
            aria-label="Large text"
            title="Large text (for projectors)"
            onClick={() => dispatch({ type: 'toggle_large_text' })}
          >
            Aa
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
            title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
            onClick={() =>
              dispatch({ type: 'set_theme', theme: theme === 'dark' ? 'light' : 'dark' })
            }
          >
            {theme === 'dark' ? '☀' : '☾'}
          </button>
          <button
            type="button"
            className="icon-button"
            aria-keyshortcuts="?"
            aria-label="Help: keyboard shortcuts"
            title="Keyboard shortcuts (?)"
            onClick={() => dispatch({ type: 'open_dialog', dialog: { kind: 'shortcuts' } })}
          >
            ?
          </button>
        </div>
      </div>
      {pick && (
        <span className="pick-banner" role="status">
          {pick.mode === 'link' ? 'Link' : 'Monitor'} from {pickFrom}: click or press Enter on the
          other process — Esc cancels
        </span>
      )}
    </header>
  );
}

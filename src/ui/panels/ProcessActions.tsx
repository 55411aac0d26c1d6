import type { ProcView } from '../../store/types';
import { useDispatch, useUi } from '../context';

/** What a person can do to the selected process; each button names its shortcut. */
export function ProcessActions({ proc, trapExit }: { proc: ProcView; trapExit: boolean }) {
  const dispatch = useDispatch();
  const pick = useUi((s) => s.pick);
  const target = proc.key;
  const dead = proc.diedAt !== undefined;
  const open = (dialog: Parameters<typeof dispatch>[0] & { type: 'open_dialog' }) =>
    dispatch(dialog);

  return (
    <section aria-label="Actions">
      <div className="actions">
        <button
          type="button"
          disabled={dead}
          aria-keyshortcuts="S"
          onClick={() =>
            open({ type: 'open_dialog', dialog: { kind: 'send', target, mode: 'send' } })
          }
        >
          Send…
        </button>
        {proc.kind !== 'process' && (
          <button
            type="button"
            disabled={dead}
            aria-keyshortcuts="G"
            onClick={() =>
              open({ type: 'open_dialog', dialog: { kind: 'send', target, mode: 'call' } })
            }
          >
            Call…
          </button>
        )}
        <button
          type="button"
          className="danger"
          disabled={dead}
          aria-keyshortcuts="C"
          onClick={() => open({ type: 'open_dialog', dialog: { kind: 'crash', target } })}
        >
          Crash…
        </button>
        <button
          type="button"
          disabled={dead}
          aria-keyshortcuts="E"
          onClick={() => open({ type: 'open_dialog', dialog: { kind: 'exit_signal', target } })}
        >
          Exit signal…
        </button>
        <button
          type="button"
          className="danger"
          disabled={dead}
          aria-keyshortcuts="K"
          onClick={() => dispatch({ type: 'exit_signal', target, reason: 'kill' })}
        >
          Kill
        </button>
        <button
          type="button"
          disabled={dead}
          aria-keyshortcuts="L"
          aria-pressed={pick?.mode === 'link' && pick.from === target}
          onClick={() => dispatch({ type: 'start_pick', mode: 'link', from: target })}
        >
          Link…
        </button>
        <button
          type="button"
          disabled={dead}
          aria-keyshortcuts="M"
          aria-pressed={pick?.mode === 'monitor' && pick.from === target}
          onClick={() => dispatch({ type: 'start_pick', mode: 'monitor', from: target })}
        >
          Monitor…
        </button>
        <button
          type="button"
          disabled={dead}
          aria-keyshortcuts="T"
          aria-pressed={trapExit}
          onClick={() => dispatch({ type: 'trap_exit', target, on: !trapExit })}
        >
          Trap exits
        </button>
      </div>
    </section>
  );
}

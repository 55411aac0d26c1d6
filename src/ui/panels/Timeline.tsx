import { useEffect, useRef } from 'react';
import { describeStep } from '../../store/stepText';
import type { PlaygroundState } from '../../store/vanilla';
import { usePlaygroundContext, useUi, useView } from '../context';
import { useThrottledView } from '../useThrottledView';

const playheadOf = (s: PlaygroundState) => s.playhead;

/**
 * The timeline under the tree: every step since the workspace started (what is kept of it), the
 * playhead on it. Dragging it, its arrow keys, `,` and `.` move the playhead; the whole page then
 * shows the state at that step (the store folds up to it from a checkpoint). Moving it pauses.
 * `data-lag-ms` says how long the oldest step not yet shown has waited (the bench reads it).
 */
export function Timeline() {
  const { view, dispatch } = usePlaygroundContext();
  const p = useThrottledView(playheadOf, 100);
  const paused = useView((s) => s.paused);
  // Watch only (a readonly embed): going back is looking; resuming would change what runs.
  const readonly = useUi((s) => s.readonly);
  const boxRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return undefined;
    const id = setInterval(() => {
      const s = view.getState();
      const { index, end } = s.playhead;
      const at = index < end ? s.history().arrivedAt(index) : undefined;
      box.dataset.lagMs = String(at === undefined ? 0 : Math.round(performance.now() - at));
    }, 200);
    return () => clearInterval(id);
  }, [view]);

  const s = view.getState();
  const live = p.index >= p.end;
  const text = `event ${p.index} of ${p.end}: ${describeStep(s.history().step(p.index - 1), s)}`;
  return (
    <div className="timeline" ref={boxRef} data-testid="timeline" data-live={live}>
      <button
        type="button"
        className="timeline-step"
        aria-label="One event back (,)"
        title="One event back (,)"
        onClick={() => dispatch({ type: 'step_back' })}
      >
        ◀
      </button>
      <input
        type="range"
        className="timeline-slider"
        aria-label="Timeline: the playhead over every event since the workspace started"
        min={p.start}
        max={p.end}
        step={1}
        value={p.index}
        aria-valuemin={p.start}
        aria-valuemax={p.end}
        aria-valuenow={p.index}
        aria-valuetext={text}
        onChange={(e) => dispatch({ type: 'seek', index: Number(e.currentTarget.value) })}
      />
      <button
        type="button"
        className="timeline-step"
        aria-label="One event forward (.)"
        title="One event forward (.)"
        onClick={() => dispatch({ type: 'step' })}
      >
        ▶
      </button>
      <span className="timeline-where" data-testid="timeline-where" aria-hidden="true">
        {live ? 'live' : `${p.end - p.index} behind`} · {text}
      </span>
      {!live && paused && (
        <>
          {!readonly && (
            <button
              type="button"
              title="Go on live from this event (later ones are forgotten)"
              onClick={() => dispatch({ type: 'resume_here' })}
            >
              Resume from here
            </button>
          )}
          <button type="button" onClick={() => dispatch({ type: 'seek', index: p.end })}>
            Go live
          </button>
        </>
      )}
    </div>
  );
}

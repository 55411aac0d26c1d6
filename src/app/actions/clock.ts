import { exhaustiveSwitchError } from '../../base';
import { clampSpeed } from '../../base';
import type { ActionContext } from './context';
import type { ClockAction } from './types';

/** The clock and the playhead: pause, resume, a step either way, a seek, speed. */
export function runClockAction(ctx: ActionContext, action: ClockAction): void {
  const { engine, vs, dispatch, toast } = ctx;
  switch (action.type) {
    case 'toggle_pause':
      dispatch({ type: vs().paused ? 'resume' : 'pause' });
      return;
    case 'pause':
      engine.pause();
      vs().setPaused(true);
      return;
    case 'resume':
      engine.resume();
      vs().setPaused(false);
      return;
    case 'step':
      if (!vs().paused) dispatch({ type: 'pause' });
      // The playhead walks what the nodes already did first; at the live end a node steps, and
      // the store shows the next step that arrives.
      if (!vs().stepForward()) engine.step();
      return;
    case 'step_back':
      if (!vs().paused) dispatch({ type: 'pause' });
      vs().stepBack();
      return;
    case 'seek':
      if (!vs().paused) dispatch({ type: 'pause' });
      vs().seek(action.index);
      return;
    case 'resume_here': {
      const { index, end } = vs().playhead;
      if (engine.resumeAt === undefined || index >= end) return;
      if (!vs().paused) dispatch({ type: 'pause' });
      toast(`Resuming from event ${index.toLocaleString('en')}: replaying each node’s record…`);
      void engine
        .resumeAt(index)
        .then((outcome) =>
          toast(
            outcome.ok ? outcome.text : `Could not resume: ${outcome.why}`,
            outcome.ok && outcome.exact ? 'info' : 'error',
          ),
        );
      return;
    }
    case 'set_speed': {
      const speed = clampSpeed(action.speed);
      engine.setSpeed(speed);
      vs().setSpeed(speed);
      return;
    }
    default:
      exhaustiveSwitchError(action);
  }
}

import { exhaustiveSwitchError } from '../../base';
import { clampSpeed } from '../../base';
import type { ActionContext } from './context';
import type { ClockAction } from './types';

/** The clock: pause, resume, single step, speed. */
export function runClockAction(ctx: ActionContext, action: ClockAction): void {
  const { engine, vs, dispatch } = ctx;
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
      engine.step();
      return;
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

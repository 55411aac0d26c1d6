import { exhaustiveSwitchError } from '../../base';
import { clampSpeed } from '../../base';
import type { ResumeOutcome } from '../engine';
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
      if (engine.resumeAt === undefined)
        return toast(
          'Resume from here needs the nodes’ records; this page does not keep them',
          'error',
        );
      const { index, end } = vs().playhead;
      if (index >= end) return toast('The playhead is at the live end: nothing to resume from');
      if (!vs().paused) dispatch({ type: 'pause' });
      toast(`Resuming from event ${index.toLocaleString('en')}: replaying each node’s record…`);
      void engine
        .resumeAt(index)
        .then((outcome) =>
          toast(resumeText(outcome), outcome.ok && outcome.reports.every(same) ? 'info' : 'error'),
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

const same = (r: { diverged: string }): boolean => r.diverged === 'none';

/** What a resume did, in words: per node, the inputs replayed and whether they made the recorded batches. */
export function resumeText(outcome: ResumeOutcome, opening = false): string {
  if (!outcome.ok)
    return `Could not ${opening ? 'open the recorded session' : 'resume'}: ${outcome.why}`;
  const nodes = outcome.reports.map(
    (r) =>
      `node ${r.node} replayed ${r.inputs.toLocaleString('en')} inputs into ${r.batches.toLocaleString('en')} batches${same(r) ? ', as recorded' : `, but differed from its record at ${r.diverged}`}`,
  );
  const what = nodes.length > 0 ? nodes.join('; ') : 'no node was running';
  return opening
    ? `Opened the recorded session at event ${outcome.at.toLocaleString('en')}: ${what}. Play to go on.`
    : `Resumed from event ${outcome.at.toLocaleString('en')}: ${what}. Later events are forgotten; play to go on.`;
}

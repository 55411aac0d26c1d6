import { useEffect, useRef } from 'react';
import { LESSONS } from '../../lessons';
import { useDispatch, useUi } from '../context';
import { LessonGoal } from './LessonGoal';
import { LessonPredict } from './LessonPredict';

/**
 * The lesson being followed: the step's text, its prediction (asked before it runs, judged after),
 * the challenge and its hints. Not modal: the tree stays usable, a challenge is done by hand.
 */
export function LessonCard() {
  const dispatch = useDispatch();
  const cur = useUi((s) => s.lesson);
  const next = useRef<HTMLButtonElement>(null);
  const phase = cur?.phase;
  // The run button is disabled while it runs, which drops the keyboard's focus: hand it to Next.
  useEffect(() => {
    if (phase !== 'ran') return;
    const active = document.activeElement;
    if (active === null || active === document.body || (active as HTMLButtonElement).disabled)
      next.current?.focus();
  }, [phase]);
  const lesson = LESSONS.find((l) => l.id === cur?.id);
  if (!cur || !lesson) return null;
  const step = lesson.steps[cur.step];
  if (!step) return null;
  const last = cur.step === lesson.steps.length - 1;
  const busy = cur.phase === 'running' || cur.phase === 'rewinding';
  const hasActions = (step.actions?.length ?? 0) > 0;
  const needsChoice = step.predict?.kind === 'choice' && cur.choice === undefined;
  return (
    <section
      className="lesson-card"
      aria-labelledby="lesson-title"
      data-testid="lesson-card"
      data-phase={cur.phase}
    >
      <div className="lesson-text">
        <h2 id="lesson-title">
          {lesson.title}{' '}
          <span className="dim" aria-live="polite">
            — step {cur.step + 1} of {lesson.steps.length}: <strong>{step.title}</strong>
          </span>
        </h2>
        <p>{step.text}</p>
        {busy && (
          <p className="dim" role="status">
            {cur.phase === 'rewinding' ? 'Setting the tree up for this step…' : 'Running…'}
          </p>
        )}
        {step.predict && !busy && <LessonPredict predict={step.predict} cur={cur} />}
        {lesson.goal && <LessonGoal goal={lesson.goal} cur={cur} />}
      </div>
      <div className="lesson-buttons">
        <button
          type="button"
          disabled={cur.step === 0 || busy}
          onClick={() => dispatch({ type: 'lesson_step', step: cur.step - 1 })}
        >
          Back
        </button>
        {hasActions && (
          <button
            type="button"
            className="primary"
            disabled={busy || needsChoice || (step.predict !== undefined && cur.phase === 'ran')}
            title={needsChoice ? 'Pick an answer first' : undefined}
            onClick={() => dispatch({ type: 'run_lesson_step' })}
          >
            {step.predict ? 'Run and check' : cur.phase === 'ran' ? 'Do it again' : 'Do it'}
          </button>
        )}
        <button
          ref={next}
          type="button"
          disabled={busy}
          onClick={() =>
            dispatch(last ? { type: 'finish_lesson' } : { type: 'lesson_step', step: cur.step + 1 })
          }
        >
          {last ? 'Finish' : 'Next'}
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Close the lesson"
          onClick={() => dispatch({ type: 'close_lesson' })}
        >
          ×
        </button>
      </div>
    </section>
  );
}

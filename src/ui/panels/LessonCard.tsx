import { LESSONS } from '../../lessons';
import { useDispatch, useUi } from '../context';

/** The lesson being followed: its step's text, and "Do it" to run the step's actions. Not modal. */
export function LessonCard() {
  const dispatch = useDispatch();
  const cur = useUi((s) => s.lesson);
  const lesson = LESSONS.find((l) => l.id === cur?.id);
  if (!cur || !lesson) return null;
  const step = lesson.steps[cur.step];
  if (!step) return null;
  const last = cur.step === lesson.steps.length - 1;
  return (
    <section className="lesson-card" aria-labelledby="lesson-title" data-testid="lesson-card">
      <div className="lesson-text">
        <h2 id="lesson-title">
          {lesson.title}{' '}
          <span className="dim" aria-live="polite">
            — step {cur.step + 1} of {lesson.steps.length}: <strong>{step.title}</strong>
          </span>
        </h2>
        <p>{step.text}</p>
      </div>
      <div className="lesson-buttons">
        <button
          type="button"
          disabled={cur.step === 0}
          onClick={() => dispatch({ type: 'lesson_step', step: cur.step - 1 })}
        >
          Back
        </button>
        {step.actions && step.actions.length > 0 && (
          <button
            type="button"
            className="primary"
            onClick={() => dispatch({ type: 'run_lesson_step' })}
          >
            Do it
          </button>
        )}
        <button
          type="button"
          onClick={() =>
            dispatch(last ? { type: 'close_lesson' } : { type: 'lesson_step', step: cur.step + 1 })
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

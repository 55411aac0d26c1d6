import type { Goal } from '../../lessons';
import type { LessonState } from '../../app/lessons/lessonState';
import { useDispatch } from '../context';

/** A challenge: the task, whether the live system meets it, and hints one at a time. */
export function LessonGoal({ goal, cur }: { goal: Goal; cur: LessonState }) {
  const dispatch = useDispatch();
  const shown = goal.hints.slice(0, cur.hints);
  return (
    <div className="lesson-goal" data-testid="lesson-goal" data-solved={cur.solved}>
      <p>
        <strong>Challenge:</strong> {goal.task}{' '}
        <span className={cur.solved ? 'goal-state solved' : 'goal-state'} role="status">
          {cur.solved ? `✓ ${goal.success}` : 'Not solved yet: do it by hand, the page notices.'}
        </span>
      </p>
      {shown.length > 0 && (
        <ol className="lesson-hints" data-testid="lesson-hints">
          {shown.map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ol>
      )}
      {!cur.solved && (
        <button
          type="button"
          disabled={cur.hints >= goal.hints.length}
          onClick={() => dispatch({ type: 'lesson_hint' })}
        >
          {cur.hints >= goal.hints.length
            ? 'No more hints'
            : `Hint ${cur.hints + 1} of ${goal.hints.length}`}
        </button>
      )}
    </div>
  );
}

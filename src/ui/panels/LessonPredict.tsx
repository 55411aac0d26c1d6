import { useMemo } from 'react';
import type { Predict } from '../../lessons';
import { livePaths } from '../../app/lessons/lessonWorld';
import { liveView } from '../../app/lessons/liveView';
import type { LessonState } from '../../app/lessons/lessonState';
import type { PredictResult } from '../../app/lessons/predictCheck';
import { useDispatch, usePlaygroundContext, useView } from '../context';

/** The question, before the step runs: tick processes (or click them in the tree), or pick an answer. */
function Ask({ predict, cur }: { predict: Predict; cur: LessonState }) {
  const dispatch = useDispatch();
  const { view } = usePlaygroundContext();
  const structure = useView((s) => s.structure);
  // The processes now in the tree, by path; recomputed only when its shape changes.
  const paths = useMemo(
    () => (structure >= 0 ? [...livePaths(liveView(view)).keys()].sort() : []),
    [view, structure],
  );
  const disabled = cur.phase !== 'ready';
  // The picks are marked in the tree too (a dashed ring), without the viz knowing about lessons.
  const marks = cur.picks
    .map((p) => `.app .tree-svg .proc[data-path="${CSS.escape(p)}"]:not(.leaving) .ring`)
    .join(',\n');
  return (
    <fieldset className="lesson-predict" data-testid="lesson-predict">
      {marks && (
        <style>{`${marks} { visibility: visible; stroke: var(--focus); stroke-width: 3px; stroke-dasharray: 5 3; }`}</style>
      )}
      <legend>Predict: {predict.question}</legend>
      {predict.kind === 'pids' ? (
        <>
          <p className="dim">Click them in the tree, or tick them here. None is an answer too.</p>
          <ul className="plain predict-options">
            {paths.map((path) => (
              <li key={path}>
                <label>
                  <input
                    type="checkbox"
                    data-pick={path}
                    disabled={disabled}
                    checked={cur.picks.includes(path)}
                    onChange={() => dispatch({ type: 'lesson_pick', path })}
                  />{' '}
                  {path}
                </label>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <ul className="plain predict-options">
          {predict.choices.map((c, i) => (
            <li key={c}>
              <label>
                <input
                  type="radio"
                  name="lesson-choice"
                  disabled={disabled}
                  checked={cur.choice === i}
                  onChange={() => dispatch({ type: 'lesson_choose', choice: i })}
                />{' '}
                {c}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** What happened against what was predicted, item by item, and the rule that explains it. */
function Verdict({ result, predict }: { result: PredictResult; predict: Predict }) {
  return (
    <div
      className={`lesson-result ${result.correct ? 'right' : 'wrong'}`}
      data-testid="predict-result"
      role="status"
    >
      <p className="verdict">
        <strong>{result.correct ? '✓ Right.' : '✗ Not quite.'}</strong>
      </p>
      <ul className="plain">
        {result.kind === 'pids'
          ? result.items
              .filter((i) => i.picked || i.changed)
              .map((i) => (
                <li key={i.path} data-pick={i.path} data-right={i.picked === i.changed}>
                  {i.picked === i.changed ? '✓' : '✗'} <code>{i.path}</code>
                  {i.changed ? ' got a new pid' : ' kept its pid'}
                  {i.picked ? ' (you picked it)' : ' (you did not pick it)'}
                </li>
              ))
          : predict.kind === 'choice' &&
            predict.choices.map((c, i) =>
              i === result.answer || i === result.chosen ? (
                <li key={c} data-right={i === result.answer}>
                  {i === result.answer ? '✓' : '✗'} {c}
                  {i === result.chosen ? ' (your answer)' : ' (the answer)'}
                </li>
              ) : null,
            )}
        {result.kind === 'pids' && result.items.every((i) => !i.picked && !i.changed) && (
          <li data-right="true">✓ No process got a new pid, as you said.</li>
        )}
      </ul>
      <p className="rule">
        <strong>Why: </strong>
        {result.rule}
      </p>
    </div>
  );
}

/** Predict, then observe: the question before the run, the verdict after it. */
export function LessonPredict({ predict, cur }: { predict: Predict; cur: LessonState }) {
  if (cur.result) return <Verdict result={cur.result} predict={predict} />;
  if (cur.phase === 'ran') return null;
  return <Ask predict={predict} cur={cur} />;
}

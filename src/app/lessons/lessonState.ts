import type { PredictResult } from './predictCheck';

/** The lesson being followed, as the page state holds it. */
export interface LessonState {
  id: string;
  /** 0-based (the address and `open_lesson` count from 1). */
  step: number;
  /**
   * `ready`: the step waits for the learner (and their prediction); `running`: its actions run and
   * the tree settles; `rewinding`: the lesson's tree is rebuilt and earlier steps replayed;
   * `ran`: the step ran (its verdict, if it asked for a prediction, is in `result`).
   */
  phase: 'ready' | 'running' | 'rewinding' | 'ran';
  /** Paths picked as "will get a new pid". */
  picks: readonly string[];
  /** The answer chosen for a multiple-choice prediction. */
  choice: number | undefined;
  result: PredictResult | undefined;
  /** How many of the goal's hints are shown. */
  hints: number;
  solved: boolean;
}

export const freshStep = (id: string, step: number, solved: boolean): LessonState => ({
  id,
  step,
  phase: 'ready',
  picks: [],
  choice: undefined,
  result: undefined,
  hints: 0,
  solved,
});

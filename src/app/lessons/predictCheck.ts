import type { Predict } from '../../lessons';

/** One process the learner could pick: did they, and did it get a new pid? */
export interface PidVerdict {
  path: string;
  picked: boolean;
  changed: boolean;
}

export type PredictResult =
  | { kind: 'pids'; items: PidVerdict[]; correct: boolean; rule: string }
  | { kind: 'choice'; chosen: number; answer: number; correct: boolean; rule: string };

/**
 * Which paths got a new pid: a live process at the path before the step and a live one with a
 * different pid after it. A path whose process is gone (a temporary child) did not get a new pid,
 * and a path new after the step (a dynamic child) had none to change.
 */
export function changedPaths(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): string[] {
  const out: string[] = [];
  for (const [path, key] of before) {
    const now = after.get(path);
    if (now !== undefined && now !== key) out.push(path);
  }
  return out;
}

/** The verdict on a prediction, from what happened (pids by path before and after the step). */
export function judge(
  predict: Predict,
  answer: { picks: readonly string[]; choice: number | undefined },
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): PredictResult {
  if (predict.kind === 'choice') {
    const chosen = answer.choice ?? -1;
    return {
      kind: 'choice',
      chosen,
      answer: predict.answer,
      correct: chosen === predict.answer,
      rule: predict.rule,
    };
  }
  const changed = new Set(changedPaths(before, after));
  const picked = new Set(answer.picks);
  const items = [...before.keys()].map((path) => ({
    path,
    picked: picked.has(path),
    changed: changed.has(path),
  }));
  return {
    kind: 'pids',
    items,
    correct: items.every((i) => i.picked === i.changed),
    rule: predict.rule,
  };
}

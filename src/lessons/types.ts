import type { Strategy, Term } from '../runtime';
import type { ChildSpecData, Workspace } from '../worker/protocol';

/**
 * What a lesson step can do: the same action objects the page dispatches
 * (src/app/actions/lesson.ts checks that each is one), naming processes by tree path.
 */
export type LessonAction =
  | { type: 'select'; target: string }
  | { type: 'send'; to: string; msg: Term }
  | { type: 'call'; to: string; request: Term; timeout?: number }
  | { type: 'crash'; target: string; reason: Term }
  | { type: 'exit_signal'; target: string; reason: Term }
  | { type: 'link'; a: string; b: string }
  | { type: 'monitor'; watcher: string; target: string }
  | { type: 'trap_exit'; target: string; on: boolean }
  | { type: 'add_child'; sup: string; spec: ChildSpecData }
  | { type: 'start_dynamic'; sup: string; args: Term[] }
  | { type: 'terminate_child'; sup: string; id: string }
  | { type: 'set_flags'; sup: string; strategy?: Strategy; intensity?: number; period?: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'netsplit'; a: number; b: number }
  | { type: 'heal'; a: number; b: number };

/**
 * Predict, then observe: the page asks before it runs the step, runs it, then shows what was
 * right and wrong with `rule`, the OTP rule that explains the outcome.
 */
export type Predict =
  /**
   * "Click the processes that will get new pids". The right answer is not written here: the page
   * computes it from what happened (each path's pid before and after the step).
   */
  | { kind: 'pids'; question: string; rule: string }
  /** Pick one answer; `answer` is the index of the right one (checked by the lesson's test). */
  | { kind: 'choice'; question: string; choices: string[]; answer: number; rule: string };

export interface LessonStep {
  title: string;
  /** What to look at and why, in a sentence or three. */
  text: string;
  /** Run by the step's "Do it" button, in order, each after the tree settled from the one before. */
  actions?: LessonAction[];
  /** Asked before the actions run (a step with `predict` has actions). */
  predict?: Predict;
  /**
   * Node time (ms) to let pass after the actions before the outcome is judged, for outcomes a
   * timer decides (a shutdown timeout, a call timeout). The tree settling is always waited for.
   */
  waitMs?: number;
}

/** A live process as a goal sees it: the current occupant of a tree path. */
export interface WorldProc {
  path: string;
  /** Its pid key, `<1.5.0>`. */
  key: string;
  node: number;
  alive: boolean;
  /** How many processes took its slot before it (0: never restarted). */
  generation: number;
  /** Node time it was spawned. */
  spawnedAt: number;
  trapExit: boolean;
  behaviour: string;
  /** Supervisors only: flags, and node times (ms) of every restart of a child in its slots. */
  strategy?: string;
  intensity?: number;
  period?: number;
  childRestarts?: number[];
  /** The supervisor's child ids (or `#N`), in start order. */
  children?: string[];
}

/** What a goal reads: built by src/app from the folded store state (app/lessons/lessonWorld.ts). */
export interface LessonWorld {
  /** Live processes by path (a dead one is absent). */
  procs: ReadonlyMap<string, WorldProc>;
  /** The log's lines (`kind` as the store names it, text in OTP's wording). */
  log: readonly { kind: string; text: string }[];
}

/** A challenge: done by hand through the normal UI, detected from the live state. */
export interface Goal {
  /** The task, as the card shows it. */
  task: string;
  /** Revealed one at a time. */
  hints: string[];
  /** Said when it is met. */
  success: string;
  /** Pure: true when the state meets the goal. */
  check(world: LessonWorld): boolean;
}

export interface Lesson {
  id: string;
  title: string;
  summary: string;
  /** The lesson's own tree: opening it (or going back) starts from this, with clean restart windows. */
  workspace: Workspace;
  steps: LessonStep[];
  goal?: Goal;
}

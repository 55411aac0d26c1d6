import type { Strategy, Term } from '../runtime';
import type { ChildSpecData } from '../worker/protocol';

/**
 * What a lesson step can do: the same action objects the page dispatches
 * (src/app/actions/page.ts checks that each is one), naming processes by tree path.
 */
export type LessonAction =
  | { type: 'select'; target: string }
  | { type: 'send'; to: string; msg: Term }
  | { type: 'crash'; target: string; reason: Term }
  | { type: 'exit_signal'; target: string; reason: Term }
  | { type: 'link'; a: string; b: string }
  | { type: 'monitor'; watcher: string; target: string }
  | { type: 'trap_exit'; target: string; on: boolean }
  | { type: 'add_child'; sup: string; spec: ChildSpecData }
  | { type: 'set_flags'; sup: string; strategy?: Strategy; intensity?: number; period?: number }
  | { type: 'add_node' }
  | { type: 'reset_workspace' };

export interface LessonStep {
  title: string;
  /** What to look at and why, in a sentence or three. */
  text: string;
  /** Run by the step's "Do it" button, in order. */
  actions?: LessonAction[];
}

export interface Lesson {
  id: string;
  title: string;
  summary: string;
  steps: LessonStep[];
}

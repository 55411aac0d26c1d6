import type { Action } from './actions';
import type { UiState } from './uiStore';

/** What a shortcut needs to know to decide its action. */
export interface ShortcutContext {
  ui: UiState;
  /** The selected process's pid key. */
  selected: string | undefined;
  speed: number;
  /** The supervisor path `a` adds a child to: the selected one, or the selected worker's parent. */
  addChildTarget: string | undefined;
  /** Whether the selected process traps exits now. */
  selectedTrapsExits: boolean;
}

export interface Shortcut {
  /** `KeyboardEvent.key` values that trigger it. */
  keys: string[];
  /** How the key is written in the help dialog. */
  label: string;
  description: string;
  /** The action, or a message saying why not (e.g. "select a process first"). */
  run: (c: ShortcutContext) => Action | string | undefined;
  /** When it applies; otherwise the key keeps its usual meaning (arrows scroll, PageDown pages). */
  only?: (c: ShortcutContext) => boolean;
}

const NEED_SELECTION = 'select a process first (click it or Tab to it)';

const onSelected = (c: ShortcutContext, f: (target: string) => Action): Action | string =>
  c.selected === undefined ? NEED_SELECTION : f(c.selected);

/** The page's shortcuts, as data: the help dialog lists exactly these. */
export const SHORTCUTS: Shortcut[] = [
  {
    keys: [' '],
    label: 'Space',
    description: 'Pause or resume',
    run: () => ({ type: 'toggle_pause' }),
  },
  {
    keys: ['.'],
    label: '.',
    description: 'Step one event (pauses first)',
    run: () => ({ type: 'step' }),
  },
  {
    keys: [','],
    label: ',',
    description: 'One event back on the timeline (pauses first)',
    run: () => ({ type: 'step_back' }),
  },
  {
    keys: ['+', '='],
    label: '+ / −',
    description: 'Faster / slower',
    run: (c) => ({ type: 'set_speed', speed: c.speed < 1 ? c.speed + 0.1 : c.speed + 1 }),
  },
  {
    keys: ['-', '_'],
    label: '',
    description: '',
    run: (c) => ({ type: 'set_speed', speed: c.speed <= 1 ? c.speed - 0.1 : c.speed - 1 }),
  },
  {
    keys: ['c'],
    label: 'C',
    description: 'Crash the selected process (choose a reason)',
    run: (c) =>
      onSelected(c, (target) => ({ type: 'open_dialog', dialog: { kind: 'crash', target } })),
  },
  {
    keys: ['k'],
    label: 'K',
    description: 'Kill the selected process: exit(Pid, kill)',
    run: (c) => onSelected(c, (target) => ({ type: 'exit_signal', target, reason: 'kill' })),
  },
  {
    keys: ['e'],
    label: 'E',
    description: 'Send an exit signal (choose a reason)',
    run: (c) =>
      onSelected(c, (target) => ({ type: 'open_dialog', dialog: { kind: 'exit_signal', target } })),
  },
  {
    keys: ['s'],
    label: 'S',
    description: 'Send a message to the selected process',
    run: (c) =>
      onSelected(c, (target) => ({
        type: 'open_dialog',
        dialog: { kind: 'send', target, mode: 'send' },
      })),
  },
  {
    keys: ['g'],
    label: 'G',
    description: 'gen_server:call the selected process',
    run: (c) =>
      onSelected(c, (target) => ({
        type: 'open_dialog',
        dialog: { kind: 'send', target, mode: 'call' },
      })),
  },
  {
    keys: ['l'],
    label: 'L',
    description: 'Link: then click or Enter on the other process',
    run: (c) => onSelected(c, (from) => ({ type: 'start_pick', mode: 'link', from })),
  },
  {
    keys: ['m'],
    label: 'M',
    description: 'Monitor: then click or Enter on the process to watch',
    run: (c) => onSelected(c, (from) => ({ type: 'start_pick', mode: 'monitor', from })),
  },
  {
    keys: ['t'],
    label: 'T',
    description: 'Toggle trap_exit on the selected process',
    run: (c) =>
      onSelected(c, (target) => ({ type: 'trap_exit', target, on: !c.selectedTrapsExits })),
  },
  {
    keys: ['a'],
    label: 'A',
    description: 'Add a child to the selected supervisor (or the worker’s supervisor)',
    run: (c) =>
      c.addChildTarget === undefined
        ? 'select a supervisor first'
        : { type: 'open_dialog', dialog: { kind: 'add_child', supPath: c.addChildTarget } },
  },
  {
    keys: ['i'],
    label: 'I',
    description: 'Move focus to the inspector',
    run: () => ({ type: 'focus_inspector' }),
  },
  {
    keys: ['u'],
    label: 'U',
    description: 'Open the user-module editor',
    run: () => ({ type: 'open_dialog', dialog: { kind: 'modules' } }),
  },
  {
    keys: ['?'],
    label: '?',
    description: 'Show these shortcuts',
    run: () => ({ type: 'open_dialog', dialog: { kind: 'shortcuts' } }),
  },
  {
    keys: ['p'],
    label: 'P',
    description: 'Presenter mode: the tree fills the screen, big labels, high contrast',
    run: () => ({ type: 'toggle_present' }),
  },
  {
    keys: ['PageDown'],
    label: 'PageDown / PageUp',
    description:
      'Lesson: run this step, or go to the next (a presenter’s clicker); PageUp goes back',
    only: (c) => c.ui.lesson !== undefined,
    run: () => ({ type: 'lesson_forward' }),
  },
  {
    keys: ['PageUp'],
    label: '',
    description: '',
    only: (c) => c.ui.lesson !== undefined,
    run: () => ({ type: 'lesson_back' }),
  },
  {
    keys: ['ArrowRight', 'ArrowDown'],
    label: '→ / ←',
    description: 'In presenter mode with a lesson open: forward / back, like the clicker',
    only: (c) => c.ui.present && c.ui.lesson !== undefined,
    run: () => ({ type: 'lesson_forward' }),
  },
  {
    keys: ['ArrowLeft', 'ArrowUp'],
    label: '',
    description: '',
    only: (c) => c.ui.present && c.ui.lesson !== undefined,
    run: () => ({ type: 'lesson_back' }),
  },
  {
    keys: ['Escape'],
    label: 'Esc',
    description: 'Close a dialog, cancel picking, clear the selection',
    run: (c) => (c.ui.pick ? { type: 'cancel_pick' } : { type: 'select', target: undefined }),
  },
];

/** Lines for the help dialog, including the ones handled by the tree itself. */
export const HELP_LINES: { label: string; description: string }[] = [
  ...SHORTCUTS.filter((s) => s.label !== ''),
  { label: 'Tab / ← ↑ → ↓', description: 'Move between processes in the tree' },
  { label: 'Enter', description: 'Select the focused process (or finish a link/monitor pick)' },
];

export function findShortcut(key: string): Shortcut | undefined {
  return SHORTCUTS.find((s) => s.keys.includes(key));
}

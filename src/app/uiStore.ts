import { createStore } from 'zustand/vanilla';
import type { Workspace } from '../worker/protocol';
import type { LessonState } from './lessons/lessonState';
import type { SafeMode } from './workspace/boot';
import type { Offer } from './workspace/linkOffer';

/** Which dialog is open; `target` is a process key (`<1.5.0>`) or a supervisor path. */
export type DialogState =
  | { kind: 'shortcuts' }
  | { kind: 'send'; target: string; mode: 'send' | 'call' }
  | { kind: 'crash'; target: string }
  | { kind: 'exit_signal'; target: string }
  | { kind: 'add_child'; supPath: string; behaviour?: string }
  | { kind: 'flags'; supPath: string }
  | { kind: 'modules'; name?: string }
  /** The link, or why there is none (a workspace too big for a link). */
  | { kind: 'share'; url: string; error?: undefined }
  | { kind: 'share'; url?: undefined; error: string }
  | { kind: 'confirm_reset' }
  /** A workspace from a link or a file, waiting for the person's answer. */
  | { kind: 'open_workspace'; offer: Offer }
  /** Backups and quarantined workspaces: restore or download. */
  | { kind: 'recover' }
  | { kind: 'lessons' }
  | { kind: 'export' };

/** Link/monitor by picking: press L or M, then click (or Enter on) the other process. */
export interface PickState {
  mode: 'link' | 'monitor';
  from: string;
}

export type Theme = 'dark' | 'light';

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

/**
 * State that belongs to the page, not the runtime: the workspace being built,
 * dialogs, picking, preferences. Selection, speed and pause live in the
 * playground store (src/store), which follows a selected child across restarts.
 */
export interface UiState {
  workspace: Workspace;
  dialog: DialogState | undefined;
  pick: PickState | undefined;
  largeText: boolean;
  theme: Theme;
  toasts: Toast[];
  /** The last few lines for the aria-live region. */
  announcement: string;
  /** Bumped to ask the inspector to take focus (shortcut `i`). */
  focusInspector: number;
  /** The lesson being followed: its step, the learner's prediction, hints shown. */
  lesson: LessonState | undefined;
  /** Nothing started (`?safe=1`, or the last page crashed or froze): a banner offers to start. */
  safeMode: SafeMode | undefined;
  /** Watch only (an embed's `readonly` option): no control that edits, crashes or adds is shown. */
  readonly: boolean;
  /** Presenter mode (`?present=1`, key P): the tree fills the screen, big labels, high contrast. */
  present: boolean;
}

export type UiStore = ReturnType<typeof createUiStore>;

export function createUiStore(
  workspace: Workspace,
  prefs: { largeText: boolean; theme: Theme },
  safeMode?: SafeMode,
  readonly = false,
) {
  return createStore<UiState>()(() => ({
    workspace,
    dialog: undefined,
    pick: undefined,
    largeText: prefs.largeText,
    theme: prefs.theme,
    toasts: [],
    announcement: '',
    focusInspector: 0,
    lesson: undefined,
    safeMode,
    readonly,
    present: false,
  }));
}

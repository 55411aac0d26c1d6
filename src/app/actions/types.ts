import type { Flavour, Strategy, Term } from '../../runtime';
import type { PlaygroundStore } from '../../store/vanilla';
import type { ChildSpecData, UserModule } from '../../worker/protocol';
import type { Engine } from '../engine';
import type { Timers } from '../timers';
import type { DialogState, Theme, UiStore } from '../uiStore';
import type { OfferChoice, OfferSource } from '../workspace/linkOffer';
import type { Session } from '../workspace/session';
import type { KeyValue, Ring } from '../workspace/storage';
import type { Vault } from '../workspace/vault';

/** The clock. */
export type ClockAction =
  | { type: 'toggle_pause' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'step' }
  /** The playhead one event back (`,`); pauses first. */
  | { type: 'step_back' }
  /** The playhead to a step index (the timeline); pauses first. */
  | { type: 'seek'; index: number }
  /** Continue live from the playhead: the nodes are rebuilt from their records; the steps after it are forgotten. */
  | { type: 'resume_here' }
  | { type: 'set_speed'; speed: number };

/** Any process. */
export type ProcessAction =
  | { type: 'send'; to: string; msg: Term }
  | { type: 'call'; to: string; request: Term; timeout?: number }
  | { type: 'crash'; target: string; reason: Term }
  | { type: 'exit_signal'; target: string; reason: Term }
  | { type: 'link'; a: string; b: string }
  | { type: 'unlink'; a: string; b: string }
  | { type: 'monitor'; watcher: string; target: string }
  | { type: 'trap_exit'; target: string; on: boolean };

/** Supervisors. */
export type SupervisorAction =
  | { type: 'add_child'; sup: string; spec: ChildSpecData }
  | { type: 'terminate_child'; sup: string; id: string }
  | { type: 'restart_child'; sup: string; id: string }
  | { type: 'delete_child'; sup: string; id: string }
  | { type: 'set_flags'; sup: string; strategy?: Strategy; intensity?: number; period?: number }
  /** `supervisor:start_child(Sup, Args)` on a simple_one_for_one: the template's args plus these. */
  | { type: 'start_dynamic'; sup: string; args: Term[] };

/** The cluster. */
export type ClusterAction =
  | { type: 'add_node' }
  | { type: 'stop_node'; node: number }
  | { type: 'restart_node'; node: number }
  | { type: 'remove_node'; node: number }
  | { type: 'netsplit'; a: number; b: number }
  | { type: 'heal'; a: number; b: number };

/** The workspace. */
export type WorkspaceAction =
  | { type: 'save_module'; module: UserModule }
  | { type: 'delete_module'; name: string }
  | { type: 'set_flavour'; flavour: Flavour }
  | { type: 'reset_workspace' }
  | { type: 'load_session'; session: Session }
  | { type: 'share' };

/** Workspaces from outside and kept ones: links, files, backups, safe mode. */
export type LinkAction =
  /** A workspace from a link or a file: opened at once when nothing is lost, else asked. */
  | { type: 'offer_session'; session: Session; source: OfferSource }
  | { type: 'answer_offer'; choice: OfferChoice }
  /** Safe mode: start the nodes after all. */
  | { type: 'start_nodes' }
  | { type: 'export_workspace' }
  /** The recorded session (history and every node's record) as a file that Import replays. */
  | { type: 'export_session' }
  /** A file's text, read by the Import button. */
  | { type: 'import_text'; text: string; name: string }
  | { type: 'restore_kept'; ring: Ring; index: number }
  | { type: 'download_kept'; ring: Ring; index: number };

/** The page. */
export type PageAction =
  | { type: 'select'; target: string | undefined }
  | { type: 'open_dialog'; dialog: DialogState }
  | { type: 'close_dialog' }
  | { type: 'start_pick'; mode: 'link' | 'monitor'; from: string }
  | { type: 'pick'; target: string }
  | { type: 'cancel_pick' }
  | { type: 'toggle_large_text' }
  /** Presenter mode on or off (`?present=1` turns it on at boot). */
  | { type: 'toggle_present' }
  | { type: 'set_theme'; theme: Theme }
  | { type: 'focus_inspector' }
  | { type: 'toast'; text: string; tone?: 'info' | 'error' }
  | { type: 'dismiss_toast'; id: number };

/** Lessons (`actions/lesson.ts`). */
export type LessonControlAction =
  /**
   * Opens a lesson at `step`, counted from 1 as `?lesson=ID&step=N` counts (the saved step when
   * omitted): its own tree, then the earlier steps replayed. An unknown id or step is a toast.
   */
  | { type: 'open_lesson'; id: string; step?: number }
  /** Goes to a step (0-based): forward keeps the tree, back rebuilds it as it was at that step. */
  | { type: 'lesson_step'; step: number }
  /** Runs the step's actions; a prediction is judged from what happened. */
  | { type: 'run_lesson_step' }
  /** Toggles a path in "which processes will get new pids?". */
  | { type: 'lesson_pick'; path: string }
  | { type: 'lesson_choose'; choice: number }
  /** Shows the goal's next hint. */
  | { type: 'lesson_hint' }
  /** The last step's Finish: the lesson counts as done. */
  | { type: 'finish_lesson' }
  | { type: 'close_lesson' }
  /** A presenter's clicker: run the lesson step (when it has actions not yet run), else the next step. */
  | { type: 'lesson_forward' }
  /** A presenter's clicker: the step before. */
  | { type: 'lesson_back' };

/**
 * Every user action is data. Buttons, keyboard shortcuts and lessons all go
 * through the one `dispatch`, so anything a person can do a script can replay.
 * A process is named by its pid key (`<1.5.0>`) or its path (`app_sup/counter`);
 * a supervisor by its path.
 */
export type Action =
  | ClockAction
  | ProcessAction
  | SupervisorAction
  | ClusterAction
  | WorkspaceAction
  | LinkAction
  | PageAction
  | LessonControlAction;

export type Dispatch = (action: Action) => void;

export interface DispatchDeps {
  engine: Engine;
  ui: UiStore;
  /** The playground store: selection, speed, pause. */
  view: PlaygroundStore;
  /** Where the share link points; `window.location` in the page. */
  location?: { origin: string; pathname: string; search: string };
  /** Copies text; the clipboard in the page. */
  copy?: (text: string) => Promise<void>;
  /** Backups and quarantined workspaces (localStorage in the page). */
  vault?: Vault;
  /** Saves a file (a download in the page). */
  download?: (name: string, text: string) => void;
  /** Takes `?safe=1` out of the address, once the person starts the nodes. */
  leaveSafeMode?: () => void;
  /** The instance's timers (toasts expire through them); a fresh set when omitted. */
  timers?: Timers;
  /** Where lesson progress is saved (localStorage in the page); none when omitted. */
  storage?: KeyValue;
  /** Waits while a lesson step settles: real time through `timers` when omitted, fake time in tests. */
  sleep?: (ms: number) => Promise<void>;
}

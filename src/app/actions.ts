import { exhaustiveSwitchError } from '../base';
import { runClockAction } from './actions/clock';
import { runClusterAction } from './actions/cluster';
import { createActionContext } from './actions/context';
import { createLessonActions } from './actions/lesson';
import { runLinkAction } from './actions/links';
import { runPageAction } from './actions/page';
import { runProcessAction } from './actions/process';
import { runSupervisorAction } from './actions/supervisor';
import type { Action, Dispatch, DispatchDeps } from './actions/types';

export type { Action, Dispatch, DispatchDeps } from './actions/types';
export { needsModuleLoad } from './actions/supervisor';

/** Actions that talk to running nodes: refused in safe mode, where none runs. */
const NEEDS_NODES: ReadonlySet<Action['type']> = new Set<Action['type']>([
  'toggle_pause',
  'pause',
  'resume',
  'step',
  'send',
  'call',
  'crash',
  'exit_signal',
  'link',
  'unlink',
  'monitor',
  'trap_exit',
  'add_child',
  'terminate_child',
  'restart_child',
  'delete_child',
  'set_flags',
  'start_dynamic',
  'add_node',
  'stop_node',
  'restart_node',
  'remove_node',
  'netsplit',
  'heal',
  'run_lesson_step',
]);

/**
 * The one dispatch. Every user action is data (`actions/types.ts`); this routes each to the file
 * for its group (`actions/clock.ts`, `process.ts`, `supervisor.ts`, `cluster.ts`, `page.ts`), which
 * share the helpers in `actions/context.ts` (toasts, resolving a live process, supervisor ops).
 */
export function createDispatch(deps: DispatchDeps): Dispatch {
  const ctx = createActionContext(deps, (action) => dispatch(action));
  const runLessonAction = createLessonActions(ctx);

  const dispatch: Dispatch = (action) => {
    if (ctx.get().safeMode && NEEDS_NODES.has(action.type)) {
      ctx.toast('Safe mode: nothing is running. Press "Start nodes" first.', 'error');
      return;
    }
    switch (action.type) {
      case 'toggle_pause':
      case 'pause':
      case 'resume':
      case 'step':
      case 'step_back':
      case 'seek':
      case 'resume_here':
      case 'set_speed':
        runClockAction(ctx, action);
        return;

      case 'send':
      case 'call':
      case 'crash':
      case 'exit_signal':
      case 'link':
      case 'unlink':
      case 'monitor':
      case 'trap_exit':
        runProcessAction(ctx, action);
        return;

      case 'add_child':
      case 'terminate_child':
      case 'restart_child':
      case 'delete_child':
      case 'set_flags':
      case 'start_dynamic':
        runSupervisorAction(ctx, action);
        return;

      case 'add_node':
      case 'stop_node':
      case 'restart_node':
      case 'remove_node':
      case 'netsplit':
      case 'heal':
      case 'save_module':
      case 'delete_module':
      case 'set_flavour':
      case 'reset_workspace':
      case 'load_session':
      case 'share':
        runClusterAction(ctx, action);
        return;

      case 'offer_session':
      case 'answer_offer':
      case 'start_nodes':
      case 'export_workspace':
      case 'export_session':
      case 'import_text':
      case 'restore_kept':
      case 'download_kept':
        runLinkAction(ctx, action);
        return;

      case 'select':
      case 'open_dialog':
      case 'close_dialog':
      case 'start_pick':
      case 'pick':
      case 'cancel_pick':
      case 'toggle_large_text':
      case 'toggle_present':
      case 'set_theme':
      case 'focus_inspector':
      case 'toast':
      case 'dismiss_toast':
        runPageAction(ctx, action);
        return;

      case 'open_lesson':
      case 'lesson_step':
      case 'run_lesson_step':
      case 'lesson_pick':
      case 'lesson_choose':
      case 'lesson_hint':
      case 'finish_lesson':
      case 'close_lesson':
      case 'lesson_forward':
      case 'lesson_back':
        runLessonAction(action);
        return;

      default:
        exhaustiveSwitchError(action);
    }
  };
  return dispatch;
}

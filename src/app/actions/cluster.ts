import { exhaustiveSwitchError } from '../../base';
import { defaultWorkspace } from '../workspace/defaultWorkspace';
import { shareUrl } from '../workspace/shareLink';
import * as edit from '../workspace/specEdit';
import type { ActionContext } from './context';
import type { ClusterAction, WorkspaceAction } from './types';

/** The cluster (nodes, netsplits) and the workspace (modules, flavour, reset, load, share). */
export function runClusterAction(
  ctx: ActionContext,
  action: ClusterAction | WorkspaceAction,
): void {
  const { engine, location, copy, set, get, vs, dispatch, toast, commitWorkspace } = ctx;
  switch (action.type) {
    case 'add_node': {
      const { workspace, node } = edit.addNode(get().workspace);
      set({ workspace });
      engine.addNode(node, workspace);
      toast(`started node ${node.name}`);
      return;
    }
    case 'stop_node':
      engine.stopNode(action.node, 'stopped');
      return;
    case 'restart_node':
      engine.restartNode(action.node, get().workspace);
      return;
    case 'remove_node': {
      const next = edit.removeNode(get().workspace, action.node);
      if (!next.ok) {
        toast(next.error, 'error');
        return;
      }
      engine.stopNode(action.node, 'removed');
      vs().removeNode(action.node);
      set({ workspace: next.value });
      return;
    }
    case 'netsplit':
      // The client cuts the pair and reports it; the store's fold is what the page shows.
      engine.netsplit(action.a, action.b);
      toast(`netsplit: node ${action.a} and node ${action.b} can no longer reach each other`);
      return;
    case 'heal':
      engine.heal(action.a, action.b);
      toast(`node ${action.a} and node ${action.b} are connected again (broken links stay broken)`);
      return;

    case 'save_module':
      if (commitWorkspace(edit.saveModule(get().workspace, action.module)))
        toast(`saved module ${action.module.name}`);
      return;
    case 'delete_module':
      commitWorkspace(edit.deleteModule(get().workspace, action.name));
      return;
    case 'set_flavour':
      set({ workspace: edit.setFlavour(get().workspace, action.flavour) });
      toast(
        `${action.flavour === 'erlang' ? 'Erlang' : 'Elixir'} flavour: supervisors without their own intensity default to ` +
          `${action.flavour === 'erlang' ? '1 restart' : '3 restarts'} in 5 s on nodes started from now (restart a node or reset to see it)`,
      );
      return;
    case 'reset_workspace':
      // Kept as a backup first: Reset is undone from Recover.
      ctx.vault?.backup({ workspace: get().workspace, speed: vs().speed }, 'replaced by Reset');
      dispatch({
        type: 'load_session',
        session: { workspace: defaultWorkspace(), speed: vs().speed },
      });
      return;
    case 'load_session': {
      const { workspace, speed } = action.session;
      set({
        workspace,
        pick: undefined,
        dialog: get().dialog?.kind === 'lessons' ? get().dialog : undefined,
      });
      vs().select(undefined);
      vs().setPaused(false);
      vs().setSpeed(speed);
      // Loading a workspace starts it, so safe mode (nothing started) ends here too.
      set({ safeMode: undefined });
      ctx.leaveSafeMode?.();
      engine.reboot(workspace);
      engine.setSpeed(speed);
      return;
    }
    case 'share': {
      const loc = location ?? window.location;
      const link = shareUrl(loc, { workspace: get().workspace, speed: vs().speed });
      if (!link.ok) {
        set({ dialog: { kind: 'share', error: link.error } });
        return;
      }
      const url = link.value;
      set({ dialog: { kind: 'share', url } });
      copy?.(url).then(
        () => toast('share link copied'),
        () => undefined,
      );
      return;
    }
    default:
      exhaustiveSwitchError(action);
  }
}

import { exhaustiveSwitchError } from '../../base';
import type { ChildSpecData, UserModule } from '../../worker/protocol';
import * as edit from '../workspace/specEdit';
import { validateChildSpec } from '../workspace/validate';
import type { ActionContext } from './context';
import type { SupervisorAction } from './types';

/** True when `spec` (or a worker under it) runs a user module the node has not loaded in its current version. */
export function needsModuleLoad(
  spec: ChildSpecData,
  modules: readonly UserModule[],
  loaded: readonly UserModule[] | undefined,
): boolean {
  if (spec.kind === 'supervisor')
    return spec.children.some((c) => needsModuleLoad(c, modules, loaded));
  const mod = modules.find((m) => m.name === spec.behaviour);
  return mod !== undefined && loaded?.find((m) => m.name === mod.name)?.source !== mod.source;
}

/** Supervisors: add/terminate/restart/delete a child, change flags; the workspace follows the live tree. */
export function runSupervisorAction(ctx: ActionContext, action: SupervisorAction): void {
  const { engine, set, get, toast, nodeOfPath, supOp, commitWorkspace } = ctx;
  switch (action.type) {
    case 'add_child': {
      const node = nodeOfPath(action.sup);
      const checked = validateChildSpec(action.sup, action.spec, get().workspace);
      if (node === undefined || !checked.ok) {
        toast(checked.ok ? `missing: supervisor ${action.sup}` : checked.error, 'error');
        return;
      }
      const next = edit.addChild(get().workspace, node, action.sup, checked.value);
      if (!next.ok) {
        toast(next.error, 'error');
        return;
      }
      if (needsModuleLoad(checked.value, get().workspace.modules, engine.bootedModules(node))) {
        // Deliberate difference from OTP (no hot code loading here): the node reboots with the new code.
        set({ workspace: next.value });
        engine.restartNode(node, next.value);
        toast(
          `restarting node ${node} to load your module code, then starting ${checked.value.id}`,
        );
        return;
      }
      void supOp(action.sup, { op: 'start_child', spec: checked.value }).then((r) => {
        if (r === undefined) return;
        commitWorkspace(edit.addChild(get().workspace, node, action.sup, checked.value));
      });
      return;
    }
    case 'terminate_child':
      void supOp(action.sup, { op: 'terminate_child', id: action.id });
      return;
    case 'restart_child':
      void supOp(action.sup, { op: 'restart_child', id: action.id });
      return;
    case 'delete_child': {
      const node = nodeOfPath(action.sup);
      // The slot leaves the picture with the runtime's child_deleted event.
      void supOp(action.sup, { op: 'delete_child', id: action.id }).then((r) => {
        if (r === undefined) return;
        if (node !== undefined)
          commitWorkspace(edit.removeChild(get().workspace, node, action.sup, action.id));
      });
      return;
    }
    case 'set_flags': {
      const node = nodeOfPath(action.sup);
      if (node === undefined) {
        toast(`missing: supervisor ${action.sup}`, 'error');
        return;
      }
      const flags: edit.FlagsEdit = {};
      if (action.strategy !== undefined) flags.strategy = action.strategy;
      if (action.intensity !== undefined) flags.intensity = action.intensity;
      if (action.period !== undefined) flags.period = action.period;
      const next = edit.setFlags(get().workspace, node, action.sup, flags);
      if (!next.ok) {
        toast(next.error, 'error');
        return;
      }
      void supOp(action.sup, { op: 'set_flags', ...flags }).then((r) => {
        if (r !== undefined)
          commitWorkspace(edit.setFlags(get().workspace, node, action.sup, flags));
      });
      return;
    }
    case 'start_dynamic':
      // Not recorded in the workspace: as in OTP, a restarted supervisor starts without them.
      void supOp(action.sup, { op: 'start_dynamic', args: action.args });
      return;
    default:
      exhaustiveSwitchError(action);
  }
}

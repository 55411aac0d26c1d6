import { LESSONS, type LessonAction } from '../lessons';
import type { Flavour, Strategy, Term } from '../runtime';
import { exhaustiveSwitchError } from '../runtime';
import type { PlaygroundStore } from '../store/vanilla';
import type { ChildSpecData, UserModule } from '../worker/protocol';
import type { Engine } from './engine';
import { formatWire } from './terms';
import { type DialogState, type Theme, type UiStore, pairKey } from './uiStore';
import { defaultWorkspace } from './workspace/defaultWorkspace';
import { type Session, clampSpeed } from './workspace/session';
import { shareUrl } from './workspace/shareLink';
import * as edit from './workspace/specEdit';
import { validateChildSpec } from './workspace/validate';

/**
 * Every user action is data. Buttons, keyboard shortcuts and lessons all go
 * through the one `dispatch`, so anything a person can do a script can replay.
 * A process is named by its pid key (`<1.5.0>`) or its path (`app_sup/counter`);
 * a supervisor by its path.
 */
export type Action =
  // the clock
  | { type: 'toggle_pause' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'step' }
  | { type: 'set_speed'; speed: number }
  // any process
  | { type: 'send'; to: string; msg: Term }
  | { type: 'call'; to: string; request: Term; timeout?: number }
  | { type: 'crash'; target: string; reason: Term }
  | { type: 'exit_signal'; target: string; reason: Term }
  | { type: 'link'; a: string; b: string }
  | { type: 'unlink'; a: string; b: string }
  | { type: 'monitor'; watcher: string; target: string }
  | { type: 'trap_exit'; target: string; on: boolean }
  // supervisors
  | { type: 'add_child'; sup: string; spec: ChildSpecData }
  | { type: 'terminate_child'; sup: string; id: string }
  | { type: 'restart_child'; sup: string; id: string }
  | { type: 'delete_child'; sup: string; id: string }
  | { type: 'set_flags'; sup: string; strategy?: Strategy; intensity?: number; period?: number }
  // the cluster
  | { type: 'add_node' }
  | { type: 'stop_node'; node: number }
  | { type: 'restart_node'; node: number }
  | { type: 'remove_node'; node: number }
  | { type: 'netsplit'; a: number; b: number }
  | { type: 'heal'; a: number; b: number }
  // the workspace
  | { type: 'save_module'; module: UserModule }
  | { type: 'delete_module'; name: string }
  | { type: 'set_flavour'; flavour: Flavour }
  | { type: 'reset_workspace' }
  | { type: 'load_session'; session: Session }
  | { type: 'share' }
  // the page
  | { type: 'select'; target: string | undefined }
  | { type: 'open_dialog'; dialog: DialogState }
  | { type: 'close_dialog' }
  | { type: 'start_pick'; mode: 'link' | 'monitor'; from: string }
  | { type: 'pick'; target: string }
  | { type: 'cancel_pick' }
  | { type: 'toggle_large_text' }
  | { type: 'set_theme'; theme: Theme }
  | { type: 'focus_inspector' }
  | { type: 'open_lesson'; id: string }
  | { type: 'lesson_step'; step: number }
  | { type: 'run_lesson_step' }
  | { type: 'close_lesson' }
  | { type: 'toast'; text: string; tone?: 'info' | 'error' }
  | { type: 'dismiss_toast'; id: number };

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
}

let toastSeq = 0;

/** A lesson's action is one of the page's actions (this line fails to compile if they drift apart). */
const lessonAction = (a: LessonAction): Action => a;

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

export function createDispatch({ engine, ui, view, location, copy }: DispatchDeps): Dispatch {
  const set = ui.setState;
  const get = ui.getState;
  const vs = view.getState;

  const toast = (text: string, tone: 'info' | 'error' = 'info') => {
    const id = ++toastSeq;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { id, text, tone }] }));
    setTimeout(
      () => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
      tone === 'error' ? 8000 : 4000,
    );
  };

  /** A live process, or a toast naming the one that is missing. */
  const live = (target: string) => {
    const r = engine.resolve(target);
    if (!r) toast(`missing: process ${target} is not running`, 'error');
    return r;
  };

  const nodeOfPath = (path: string): number | undefined => {
    const root = path.split('/')[0];
    return get().workspace.nodes.find((n) => n.root.id === root)?.id;
  };

  /** A supervisor op on the live supervisor at `path`, with the reply's error shown. */
  const supOp = async (
    path: string,
    op: Parameters<Engine['supervisor']>[2],
  ): Promise<Term | undefined> => {
    const sup = live(path);
    if (!sup) return undefined;
    try {
      const reply = await engine.supervisor(sup.node, sup.pid, op);
      if (Array.isArray(reply) && reply[0] === 'error') {
        toast(`${op.op} on ${path}: ${formatWire(reply[1])}`, 'error');
        return undefined;
      }
      return reply;
    } catch (e) {
      toast(`${op.op} on ${path}: ${e instanceof Error ? e.message : String(e)}`, 'error');
      return undefined;
    }
  };

  const commitWorkspace = (r: ReturnType<typeof edit.addChild>): boolean => {
    if (!r.ok) {
      toast(r.error, 'error');
      return false;
    }
    set({ workspace: r.value });
    return true;
  };

  const dispatch: Dispatch = (action) => {
    switch (action.type) {
      case 'toggle_pause':
        dispatch({ type: vs().paused ? 'resume' : 'pause' });
        return;
      case 'pause':
        engine.pause();
        vs().setPaused(true);
        return;
      case 'resume':
        engine.resume();
        vs().setPaused(false);
        return;
      case 'step':
        if (!vs().paused) dispatch({ type: 'pause' });
        engine.step();
        return;
      case 'set_speed': {
        const speed = clampSpeed(action.speed);
        engine.setSpeed(speed);
        vs().setSpeed(speed);
        return;
      }

      case 'send': {
        const to = live(action.to);
        if (to) engine.post(to.node, { type: 'send', to: to.pid, msg: action.msg });
        return;
      }
      case 'call': {
        const to = live(action.to);
        if (!to) return;
        engine.call(to.node, to.pid, action.request, action.timeout ?? 5000).then(
          (v) => toast(`call ${action.to} → ${formatWire(v)}`),
          (e: unknown) =>
            toast(
              `call ${action.to} failed: ${e instanceof Error ? e.message : String(e)}`,
              'error',
            ),
        );
        return;
      }
      case 'crash': {
        const p = live(action.target);
        if (p) engine.post(p.node, { type: 'crash', pid: p.pid, reason: action.reason });
        return;
      }
      case 'exit_signal': {
        const p = live(action.target);
        if (p) engine.post(p.node, { type: 'exit_signal', pid: p.pid, reason: action.reason });
        return;
      }
      case 'link':
      case 'unlink': {
        const a = live(action.a);
        const b = live(action.b);
        if (a && b) engine.post(a.node, { type: action.type, a: a.pid, b: b.pid });
        return;
      }
      case 'monitor': {
        const w = live(action.watcher);
        const t = live(action.target);
        if (w && t) engine.post(w.node, { type: 'monitor', watcher: w.pid, target: t.pid });
        return;
      }
      case 'trap_exit': {
        const p = live(action.target);
        if (p) engine.post(p.node, { type: 'trap_exit', pid: p.pid, on: action.on });
        return;
      }

      case 'add_child': {
        const node = nodeOfPath(action.sup);
        const checked = validateChildSpec(action.sup, action.spec);
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
        engine.netsplit(action.a, action.b);
        set((s) => ({ splits: [...new Set([...s.splits, pairKey(action.a, action.b)])] }));
        toast(`netsplit: node ${action.a} and node ${action.b} can no longer reach each other`);
        return;
      case 'heal':
        engine.heal(action.a, action.b);
        set((s) => ({ splits: s.splits.filter((k) => k !== pairKey(action.a, action.b)) }));
        toast(
          `node ${action.a} and node ${action.b} are connected again (broken links stay broken)`,
        );
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
        set({ splits: [] });
        engine.reboot(workspace);
        engine.setSpeed(speed);
        return;
      }
      case 'share': {
        const loc = location ?? window.location;
        const url = shareUrl(loc, { workspace: get().workspace, speed: vs().speed });
        set({ dialog: { kind: 'share', url } });
        copy?.(url).then(
          () => toast('share link copied'),
          () => undefined,
        );
        return;
      }

      case 'select': {
        // A path selects the process that has it now.
        const key =
          action.target === undefined
            ? undefined
            : (engine.resolve(action.target)?.key ?? action.target);
        vs().select(key);
        return;
      }
      case 'open_dialog':
        set({ dialog: action.dialog, pick: undefined });
        return;
      case 'close_dialog':
        set({ dialog: undefined });
        return;
      case 'start_pick':
        set({ pick: { mode: action.mode, from: action.from } });
        return;
      case 'pick': {
        const pick = get().pick;
        if (!pick) {
          dispatch({ type: 'select', target: action.target });
          return;
        }
        set({ pick: undefined });
        if (pick.from === action.target) {
          toast(`a process cannot ${pick.mode} itself`, 'error');
          return;
        }
        if (pick.mode === 'link') dispatch({ type: 'link', a: pick.from, b: action.target });
        else dispatch({ type: 'monitor', watcher: pick.from, target: action.target });
        return;
      }
      case 'cancel_pick':
        set({ pick: undefined });
        return;
      case 'toggle_large_text':
        set((s) => ({ largeText: !s.largeText }));
        return;
      case 'set_theme':
        set({ theme: action.theme });
        return;
      case 'focus_inspector':
        set((s) => ({ focusInspector: s.focusInspector + 1 }));
        return;
      case 'open_lesson':
        if (!LESSONS.some((l) => l.id === action.id))
          toast(`missing: lesson ${action.id}`, 'error');
        else set({ lesson: { id: action.id, step: 0 }, dialog: undefined });
        return;
      case 'lesson_step': {
        const cur = get().lesson;
        const lesson = LESSONS.find((l) => l.id === cur?.id);
        if (cur && lesson)
          set({
            lesson: {
              id: cur.id,
              step: Math.max(0, Math.min(lesson.steps.length - 1, action.step)),
            },
          });
        return;
      }
      case 'run_lesson_step': {
        const cur = get().lesson;
        const step = LESSONS.find((l) => l.id === cur?.id)?.steps[cur?.step ?? 0];
        for (const a of step?.actions ?? []) dispatch(lessonAction(a));
        return;
      }
      case 'close_lesson':
        set({ lesson: undefined });
        return;
      case 'toast':
        toast(action.text, action.tone);
        return;
      case 'dismiss_toast':
        set((s) => ({ toasts: s.toasts.filter((t) => t.id !== action.id) }));
        return;
      default:
        exhaustiveSwitchError(action);
    }
  };
  return dispatch;
}

import { describe, expect, it } from 'vitest';
import type { Term } from '../runtime';
import type { ProcView } from '../store/types';
import { createPlaygroundStore } from '../store/vanilla';
import type { SupervisorOp, Workspace } from '../worker/protocol';
import { createDispatch, needsModuleLoad } from './actions';
import type { Engine, NodeCommand, Resolved } from './engine';
import { createUiStore } from './uiStore';
import { defaultWorkspace } from './workspace/defaultWorkspace';

/** An engine that records what dispatch asked of it; processes are looked up in a fixed table. */
function fakeEngine(live: Record<string, Resolved>) {
  const posted: [number, NodeCommand][] = [];
  const ops: SupervisorOp[] = [];
  const reboots: Workspace[] = [];
  const engine: Engine = {
    start: () => undefined,
    stop: () => undefined,
    post: (node, cmd) => void posted.push([node, cmd]),
    supervisor: (_node, _sup, op) => {
      ops.push(op);
      return Promise.resolve<Term>(['ok', { node: 1, id: 99 }] as unknown as Term);
    },
    call: () => Promise.resolve('ok'),
    inspect: () => Promise.resolve(undefined),
    setSpeed: () => undefined,
    pause: () => undefined,
    resume: () => undefined,
    step: () => undefined,
    addNode: () => undefined,
    stopNode: () => undefined,
    restartNode: () => undefined,
    netsplit: () => undefined,
    heal: () => undefined,
    reboot: (ws) => void reboots.push(ws),
    resolve: (t) => live[t],
    bootedModules: () => [],
    pathOf: () => undefined,
  };
  return { engine, posted, ops, reboots };
}

const counter: Resolved = { node: 1, pid: { node: 1, id: 3 }, key: '<1.3.0>' };
const appSup: Resolved = { node: 1, pid: { node: 1, id: 2 }, key: '<1.2.0>' };

function setup() {
  const f = fakeEngine({
    'app_sup/counter': counter,
    '<1.3.0>': counter,
    app_sup: appSup,
    '<1.2.0>': appSup,
  });
  const ui = createUiStore(defaultWorkspace(), { largeText: false, theme: 'dark' });
  const view = createPlaygroundStore();
  const dispatch = createDispatch({ engine: f.engine, ui, view });
  return { ...f, ui, view, dispatch };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('dispatch', () => {
  it('turns a crash on a path into a crash command for the live pid', () => {
    const { dispatch, posted } = setup();
    dispatch({ type: 'crash', target: 'app_sup/counter', reason: 'boom' });
    expect(posted).toEqual([[1, { type: 'crash', pid: { node: 1, id: 3 }, reason: 'boom' }]]);
  });

  it('names a process that is not running instead of sending', () => {
    const { dispatch, posted, ui } = setup();
    dispatch({ type: 'send', to: 'app_sup/nope', msg: 'ping' });
    expect(posted).toEqual([]);
    expect(ui.getState().toasts[0]?.text).toBe('nope is not running');
  });

  it('names a process that has died by its child id, not its pid', () => {
    const { dispatch, ui, view } = setup();
    // A dead process the store still shows (the engine no longer resolves its pid).
    const dead = { key: '<1.26.0>', childId: 'counter' } as unknown as ProcView;
    view.setState({ processes: new Map([[dead.key, dead]]) });
    dispatch({ type: 'crash', target: '<1.26.0>', reason: 'boom' });
    expect(ui.getState().toasts[0]?.text).toBe('counter is not running');
    dispatch({ type: 'crash', target: '<1.99.0>', reason: 'boom' });
    expect(ui.getState().toasts[1]?.text).toBe('process <1.99.0> is not running');
  });

  it('links by picking: L on one process, then the other', () => {
    const { dispatch, posted, ui } = setup();
    dispatch({ type: 'start_pick', mode: 'link', from: '<1.3.0>' });
    expect(ui.getState().pick).toEqual({ mode: 'link', from: '<1.3.0>' });
    dispatch({ type: 'pick', target: '<1.2.0>' });
    expect(posted).toEqual([[1, { type: 'link', a: counter.pid, b: appSup.pid }]]);
    expect(ui.getState().pick).toBeUndefined();
  });

  it('adds a child live and records it in the workspace', async () => {
    const { dispatch, ops, ui } = setup();
    const spec = { kind: 'worker' as const, id: 'extra', behaviour: 'echo' };
    dispatch({ type: 'add_child', sup: 'app_sup', spec });
    await flush();
    expect(ops).toEqual([{ op: 'start_child', spec }]);
    expect(ui.getState().workspace.nodes[0]?.root.children.map((c) => c.id)).toContain('extra');
  });

  it('refuses a duplicate child id before asking the node', () => {
    const { dispatch, ops, ui } = setup();
    dispatch({
      type: 'add_child',
      sup: 'app_sup',
      spec: { kind: 'worker', id: 'counter', behaviour: 'counter' },
    });
    expect(ops).toEqual([]);
    expect(ui.getState().toasts[0]?.text).toBe("supervisor app_sup: duplicate child id 'counter'");
  });

  it('keeps speed in range and in the store', () => {
    const { dispatch, view } = setup();
    dispatch({ type: 'set_speed', speed: 50 });
    expect(view.getState().speed).toBe(10);
    // The slider's quarter steps above 1× are kept (one clamp, in src/base, that does not round).
    dispatch({ type: 'set_speed', speed: 1.25 });
    expect(view.getState().speed).toBe(1.25);
    dispatch({ type: 'toggle_pause' });
    expect(view.getState().paused).toBe(true);
  });

  it('resets to the default workspace by rebooting', () => {
    const { dispatch, reboots, ui } = setup();
    dispatch({ type: 'set_flavour', flavour: 'elixir' });
    dispatch({ type: 'reset_workspace' });
    expect(reboots).toHaveLength(1);
    expect(ui.getState().workspace.flavour).toBe('erlang');
  });
});

describe('needsModuleLoad', () => {
  const mod = { name: 'mine', source: '({ init() { return ["ok", 0]; } })' };
  it('is true for a module the node has not loaded, or loaded in another version', () => {
    const spec = { kind: 'worker' as const, id: 'w', behaviour: 'mine' };
    expect(needsModuleLoad(spec, [mod], [])).toBe(true);
    expect(needsModuleLoad(spec, [mod], [{ ...mod, source: 'old' }])).toBe(true);
    expect(needsModuleLoad(spec, [mod], [mod])).toBe(false);
    expect(needsModuleLoad({ kind: 'worker', id: 'c', behaviour: 'counter' }, [mod], [])).toBe(
      false,
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../worker/protocol';
import { createPlaygroundStore } from '../../store/vanilla';
import { createDispatch } from '../actions';
import type { Engine } from '../engine';
import { createUiStore } from '../uiStore';
import { defaultWorkspace } from './defaultWorkspace';
import { answerOffer, describeSummary, makeOffer, stripModules, summarize } from './linkOffer';
import type { Session } from './session';
import { listKept } from './storage';
import { createVault } from './vault';

const withModule = (): Workspace => {
  const ws = defaultWorkspace();
  ws.modules.push({ name: 'mine', source: "({ init() { return ['ok', 0]; } })" });
  ws.nodes[0]!.root.children.push({ kind: 'worker', id: 'm', behaviour: 'mine' });
  ws.nodes[0]!.root.children.push({
    kind: 'supervisor',
    id: 'pool',
    strategy: 'simple_one_for_one',
    children: [],
    template: { kind: 'worker', id: 't', behaviour: 'mine' },
  });
  return ws;
};
const session = (workspace: Workspace, speed = 1): Session => ({ workspace, speed });
const mine = (seed: number): Session => session({ ...defaultWorkspace(), seed });

describe('what a workspace holds', () => {
  it('counts nodes, processes (supervisors and workers, not templates) and modules', () => {
    const s = summarize(withModule());
    expect(s).toMatchObject({ nodes: 1, supervisors: 3, workers: 6, processes: 9 });
    expect(describeSummary(s)).toBe(
      '1 node, 9 processes (3 supervisors, 6 workers), 1 module (mine)',
    );
    expect(describeSummary(summarize(defaultWorkspace()))).toBe(
      '1 node, 7 processes (2 supervisors, 5 workers), no modules',
    );
  });
});

describe('the consent step', () => {
  it('opens at once when nothing is saved and the link has no code', () => {
    expect(makeOffer(mine(9), 'link', undefined)).toEqual({
      ask: false,
      open: true,
      reason: 'opened the link',
    });
  });

  it('asks before replacing saved work, and says what would be replaced', () => {
    const o = makeOffer(mine(9), 'link', { session: mine(7), saved: true });
    expect(o.ask).toBe(true);
    if (o.ask) expect(o.offer.current?.processes).toBe(7);
  });

  it('asks for a link with code even on a first visit', () => {
    const o = makeOffer(session(withModule()), 'link', undefined);
    expect(o.ask && o.offer.hasCode).toBe(true);
    expect(o.ask && o.offer.current).toBeUndefined();
  });

  it('does nothing for a link to the workspace already open', () => {
    expect(makeOffer(mine(7), 'link', { session: mine(7), saved: true })).toEqual({
      ask: false,
      open: false,
      reason: "this link's workspace is already open",
    });
  });

  it('stay, open, or open without running code', () => {
    const o = makeOffer(session(withModule()), 'file', { session: mine(7), saved: true });
    if (!o.ask) throw new Error('expected a question');
    expect(answerOffer(o.offer, 'stay')).toEqual({ ok: true, value: { kind: 'stay' } });
    const open = answerOffer(o.offer, 'open');
    expect(open.ok && open.value.kind === 'open' && open.value.runsCode).toBe(true);
    const safe = answerOffer(o.offer, 'open_without_code');
    if (!safe.ok || safe.value.kind !== 'open') throw new Error('expected to open');
    expect(safe.value.runsCode).toBe(false);
    expect(safe.value.removed).toEqual(['app_sup/m', 'app_sup/pool']);
    expect(safe.value.session.workspace.modules).toEqual([]);
    expect(summarize(safe.value.session.workspace).processes).toBe(7);
  });

  it('strips modules however deep the workers that use them are', () => {
    const ws = withModule();
    const db = ws.nodes[0]!.root.children.find((c) => c.id === 'db_sup');
    if (db?.kind !== 'supervisor') throw new Error('no db_sup');
    db.children.push({ kind: 'worker', id: 'deep', behaviour: 'mine' });
    expect(stripModules(ws).removed).toContain('app_sup/db_sup/deep');
  });
});

describe('the flow through dispatch', () => {
  const engine = (reboots: Workspace[], started: Workspace[]): Engine =>
    ({
      start: (ws: Workspace) => void started.push(ws),
      stop: () => undefined,
      reboot: (ws: Workspace) => void reboots.push(ws),
      setSpeed: () => undefined,
    }) as unknown as Engine;

  function setup(safeMode?: { reason: 'asked' }) {
    const m = new Map<string, string>();
    const store = {
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => void m.set(k, v),
      removeItem: (k: string) => void m.delete(k),
    };
    const reboots: Workspace[] = [];
    const started: Workspace[] = [];
    const ui = createUiStore(
      { ...defaultWorkspace(), seed: 7 },
      { largeText: false, theme: 'dark' },
      safeMode,
    );
    const view = createPlaygroundStore();
    const dispatch = createDispatch({
      engine: engine(reboots, started),
      ui,
      view,
      vault: createVault(store, () => 1000),
    });
    return { ui, dispatch, reboots, started, store };
  }

  it('Stay keeps the workspace and loads nothing', () => {
    const { ui, dispatch, reboots } = setup();
    dispatch({ type: 'offer_session', session: mine(9), source: 'link' });
    expect(ui.getState().dialog?.kind).toBe('open_workspace');
    dispatch({ type: 'answer_offer', choice: 'stay' });
    expect(ui.getState().dialog).toBeUndefined();
    expect(reboots).toEqual([]);
    expect(ui.getState().workspace.seed).toBe(7);
  });

  it('Open loads the link and keeps the old workspace as a backup that restores', () => {
    const { ui, dispatch, reboots, store } = setup();
    dispatch({ type: 'offer_session', session: mine(9), source: 'link' });
    dispatch({ type: 'answer_offer', choice: 'open' });
    expect(reboots.map((w) => w.seed)).toEqual([9]);
    expect(ui.getState().workspace.seed).toBe(9);
    expect(listKept(store, 'backups')[0]?.reason).toBe('replaced by a link');
    dispatch({ type: 'restore_kept', ring: 'backups', index: 0 });
    expect(ui.getState().workspace.seed).toBe(7);
    // The restore kept the link's workspace in turn.
    expect(listKept(store, 'backups').map((k) => k.reason)).toEqual([
      'replaced by a restore',
      'replaced by a link',
    ]);
  });

  it('Reset keeps a backup', () => {
    const { dispatch, store } = setup();
    dispatch({ type: 'reset_workspace' });
    expect(listKept(store, 'backups')[0]?.reason).toBe('replaced by Reset');
  });

  it('an imported file goes through the same validator and consent', () => {
    const { ui, dispatch } = setup();
    dispatch({ type: 'import_text', text: '{"workspace": {"version": 1}}', name: 'x.json' });
    expect(ui.getState().toasts[0]?.text).toBe('file x.json: workspace: bad flavour undefined');
    dispatch({ type: 'import_text', text: JSON.stringify(session(withModule())), name: 'y.json' });
    const d = ui.getState().dialog;
    expect(d?.kind === 'open_workspace' && d.offer.source === 'file' && d.offer.hasCode).toBe(true);
  });

  it('safe mode refuses node actions until Start, which starts the workspace', () => {
    const { ui, dispatch, started } = setup({ reason: 'asked' });
    dispatch({ type: 'add_node' });
    expect(ui.getState().toasts[0]?.text).toMatch(/^Safe mode: nothing is running/);
    dispatch({ type: 'start_nodes' });
    expect(ui.getState().safeMode).toBeUndefined();
    expect(started.map((w) => w.seed)).toEqual([7]);
  });
});

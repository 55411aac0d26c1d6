import { describe, expect, it } from 'vitest';
import { bootSession } from './boot';
import { defaultWorkspace } from './defaultWorkspace';
import { encodeShareHash } from './shareLink';
import { addChild, addNode, findSpec, removeChild, setFlags } from './specEdit';
import { REJECTED_KEY, STORAGE_KEY, debounce, listKept, loadSession, saveSession } from './storage';
import { validateWorkspace } from './validate';

const fakeStorage = () => {
  const m = new Map<string, string>();
  return {
    map: m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
};

describe('validateWorkspace', () => {
  it('accepts the default workspace', () => {
    expect(validateWorkspace(defaultWorkspace()).ok).toBe(true);
  });

  it('names a duplicate child id', () => {
    const ws = defaultWorkspace();
    ws.nodes[0]!.root.children.push({ kind: 'worker', id: 'counter', behaviour: 'counter' });
    expect(validateWorkspace(ws)).toEqual({
      ok: false,
      error: "supervisor app_sup: duplicate child id 'counter'",
    });
  });

  it('names a bad intensity', () => {
    const ws = defaultWorkspace();
    ws.nodes[0]!.root.intensity = -1;
    const r = validateWorkspace(ws);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('supervisor app_sup: intensity');
  });

  it('rejects junk', () => {
    expect(validateWorkspace(null).ok).toBe(false);
    expect(validateWorkspace({ version: 2 }).ok).toBe(false);
  });
});

describe('specEdit', () => {
  it('adds and removes a child under a sub-supervisor', () => {
    const ws = defaultWorkspace();
    const added = addChild(ws, 1, 'app_sup/db_sup', {
      kind: 'worker',
      id: 'pool',
      behaviour: 'echo',
    });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(findSpec(added.value.nodes[0]!.root, 'app_sup/db_sup/pool')).toMatchObject({
      behaviour: 'echo',
    });
    expect(findSpec(ws.nodes[0]!.root, 'app_sup/db_sup/pool')).toBeUndefined();
    const removed = removeChild(added.value, 1, 'app_sup/db_sup', 'pool');
    expect(
      removed.ok && findSpec(removed.value.nodes[0]!.root, 'app_sup/db_sup/pool'),
    ).toBeUndefined();
  });

  it('refuses a duplicate id and keeps the old workspace', () => {
    const ws = defaultWorkspace();
    const r = addChild(ws, 1, 'app_sup', { kind: 'worker', id: 'ticker', behaviour: 'ticker' });
    expect(r).toEqual({ ok: false, error: "supervisor app_sup: duplicate child id 'ticker'" });
    expect(ws.nodes[0]!.root.children).toHaveLength(4);
  });

  it('refuses a bad intensity', () => {
    const r = setFlags(defaultWorkspace(), 1, 'app_sup', { intensity: 1.5 });
    expect(r.ok).toBe(false);
  });

  it('names a missing supervisor', () => {
    expect(removeChild(defaultWorkspace(), 1, 'app_sup/nope', 'x')).toEqual({
      ok: false,
      error: 'missing: supervisor app_sup/nope',
    });
  });

  it('adds a node with its own root id', () => {
    const { workspace, node } = addNode(defaultWorkspace());
    expect(node.id).toBe(2);
    expect(workspace.nodes.map((n) => n.root.id)).toEqual(['app_sup', 'node2_sup']);
  });
});

describe('storage', () => {
  it('saves only a valid session and loads it back', () => {
    const s = fakeStorage();
    expect(saveSession(s, { workspace: defaultWorkspace(), speed: 3 }).ok).toBe(true);
    const bad = defaultWorkspace();
    bad.flavour = 'cobol' as 'erlang';
    expect(saveSession(s, { workspace: bad, speed: 1 }).ok).toBe(false);
    expect(loadSession(s)).toEqual({
      ok: true,
      value: { workspace: defaultWorkspace(), speed: 3 },
    });
  });

  it('moves a corrupt saved session aside instead of losing it', () => {
    const s = fakeStorage();
    s.setItem(STORAGE_KEY, '{"workspace": 1');
    expect(loadSession(s)?.ok).toBe(false);
    expect(listKept(s, 'quarantine')[0]).toMatchObject({
      reason: 'saved workspace: not valid JSON',
      text: '{"workspace": 1',
    });
    expect(s.map.has(STORAGE_KEY)).toBe(false);
  });

  it('moves the old single rejected slot into the quarantine ring', () => {
    const s = fakeStorage();
    s.setItem(REJECTED_KEY, 'old junk');
    expect(loadSession(s)).toBeUndefined();
    expect(listKept(s, 'quarantine')).toEqual([
      { at: 0, reason: 'rejected by an earlier version', text: 'old junk' },
    ]);
    expect(s.map.has(REJECTED_KEY)).toBe(false);
  });

  it('debounces to the last call', async () => {
    const calls: number[] = [];
    const d = debounce((n: number) => calls.push(n), 5);
    d.call(1);
    d.call(2);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual([2]);
  });
});

describe('bootSession', () => {
  it('shows the saved session; a link is offered, never loaded over it', () => {
    const s = fakeStorage();
    saveSession(s, { workspace: { ...defaultWorkspace(), seed: 7 }, speed: 1 });
    const shared = encodeShareHash({ workspace: { ...defaultWorkspace(), seed: 9 }, speed: 4 });
    const booted = bootSession({ loc: { hash: shared, search: '' }, storage: s });
    expect(booted.session.workspace.seed).toBe(7);
    expect(booted.offer?.session.workspace.seed).toBe(9);
    expect(bootSession({ loc: { hash: '', search: '' }, storage: s }).source).toBe('saved');
    expect(bootSession({ loc: { hash: '', search: '' }, storage: undefined }).source).toBe(
      'default',
    );
  });

  it('takes ?speed= and clamps it', () => {
    const at = (search: string) =>
      bootSession({ loc: { hash: '', search }, storage: undefined }).session.speed;
    expect(at('?speed=10')).toBe(10);
    expect(at('?speed=99')).toBe(10);
  });
});

describe('modules in use', () => {
  it('refuses to delete a module a worker runs, and a worker of an unknown behaviour', async () => {
    const { deleteModule, saveModule } = await import('./specEdit');
    const saved = saveModule(defaultWorkspace(), {
      name: 'mine',
      source: '({ init() { return ["ok", 0]; } })',
    });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    const used = addChild(saved.value, 1, 'app_sup', {
      kind: 'worker',
      id: 'w',
      behaviour: 'mine',
    });
    expect(used.ok).toBe(true);
    if (!used.ok) return;
    expect(deleteModule(used.value, 'mine')).toEqual({
      ok: false,
      error: 'module mine is used by app_sup/w: delete that child first',
    });
    expect(
      addChild(defaultWorkspace(), 1, 'app_sup', { kind: 'worker', id: 'w', behaviour: 'nope' }),
    ).toEqual({
      ok: false,
      error: "supervisor app_sup: child 'w' has an unknown behaviour 'nope'",
    });
  });
});

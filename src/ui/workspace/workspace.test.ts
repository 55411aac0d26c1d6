import { describe, expect, it } from 'vitest';
import { bootSession } from './boot';
import { defaultWorkspace } from './defaultWorkspace';
import { decodeShareHash, encodeShareHash } from './shareLink';
import { addChild, addNode, findSpec, removeChild, setFlags } from './specEdit';
import { REJECTED_KEY, STORAGE_KEY, debounce, loadSession, saveSession } from './storage';
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

describe('share link', () => {
  it('round-trips a session, unicode included', () => {
    const ws = defaultWorkspace();
    ws.modules.push({ name: 'greeter', source: '// héllo ✓\nexport default {}' });
    const hash = encodeShareHash({ workspace: ws, speed: 2 });
    expect(hash).toMatch(/^#w=[A-Za-z0-9_-]+$/);
    expect(decodeShareHash(hash)).toEqual({ ok: true, value: { workspace: ws, speed: 2 } });
  });

  it('names a broken link', () => {
    expect(decodeShareHash('#w=!!!')).toEqual({
      ok: false,
      error: 'share link: not valid base64url JSON',
    });
    expect(decodeShareHash('#other')).toBeUndefined();
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
    expect(s.map.get(REJECTED_KEY)).toBe('{"workspace": 1');
    expect(s.map.has(STORAGE_KEY)).toBe(false);
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
  it('prefers a share link, then the saved session, then the default', () => {
    const s = fakeStorage();
    saveSession(s, { workspace: { ...defaultWorkspace(), seed: 7 }, speed: 1 });
    const shared = encodeShareHash({ workspace: { ...defaultWorkspace(), seed: 9 }, speed: 4 });
    expect(bootSession({ hash: shared, search: '' }, s).session.workspace.seed).toBe(9);
    expect(bootSession({ hash: '', search: '' }, s).source).toBe('saved');
    expect(bootSession({ hash: '', search: '' }, undefined).source).toBe('default');
  });

  it('takes ?speed= and clamps it', () => {
    expect(bootSession({ hash: '', search: '?speed=10' }, undefined).session.speed).toBe(10);
    expect(bootSession({ hash: '', search: '?speed=99' }, undefined).session.speed).toBe(10);
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

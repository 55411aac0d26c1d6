import { describe, expect, it } from 'vitest';
import { bootSession, takeLinkFromAddress } from './boot';
import { STALE_MS, beat, checkLastExit, leave, markCrashed } from './bootGuard';
import { defaultWorkspace } from './defaultWorkspace';
import { encodeShareHash } from './shareLink';
import { RING_SIZE, keep, listKept, saveSession } from './storage';

const fakeStorage = (quota = Infinity) => {
  const m = new Map<string, string>();
  return {
    map: m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (v.length > quota) throw new Error('QuotaExceededError');
      m.set(k, v);
    },
    removeItem: (k: string) => void m.delete(k),
  };
};

describe('rings of kept workspaces', () => {
  it('keeps the last five, newest first; the next drops the oldest', () => {
    const s = fakeStorage();
    for (let i = 1; i <= RING_SIZE + 2; i++) keep(s, 'quarantine', `ws${i}`, `crash ${i}`, i);
    expect(listKept(s, 'quarantine').map((k) => k.text)).toEqual([
      'ws7',
      'ws6',
      'ws5',
      'ws4',
      'ws3',
    ]);
  });

  it('keeps the same workspace twice in a row once', () => {
    const s = fakeStorage();
    keep(s, 'backups', 'a', 'r', 1);
    keep(s, 'backups', 'a', 'r', 2);
    expect(listKept(s, 'backups')).toHaveLength(1);
  });

  it('drops the oldest when storage is full, never the new one', () => {
    const s = fakeStorage(250);
    for (let i = 1; i <= 4; i++) keep(s, 'backups', 'x'.repeat(60) + i, 'r', i);
    const texts = listKept(s, 'backups').map((k) => k.text.slice(-1));
    expect(texts[0]).toBe('4');
    expect(texts.length).toBeLessThan(4);
  });
});

describe('the boot guard', () => {
  it('a reload after a clean exit is clean', () => {
    const local = fakeStorage();
    const tab = fakeStorage();
    expect(checkLastExit(local, tab, 'p1', 0)).toEqual({ kind: 'clean' });
    leave(local, 'p1'); // pagehide
    expect(checkLastExit(local, tab, 'p2', 1000)).toEqual({ kind: 'clean' });
  });

  it('a reload of a page that froze (no goodbye) is caught at once, in the same tab', () => {
    const local = fakeStorage();
    const tab = fakeStorage();
    checkLastExit(local, tab, 'p1', 0);
    beat(local, 'p1', 2000);
    expect(checkLastExit(local, tab, 'p2', 3000)).toEqual({ kind: 'froze' });
    // And only once: p2 is healthy.
    leave(local, 'p2');
    expect(checkLastExit(local, tab, 'p3', 4000)).toEqual({ kind: 'clean' });
  });

  it('a new tab sees a page elsewhere whose heartbeat stopped', () => {
    const local = fakeStorage();
    checkLastExit(local, fakeStorage(), 'p1', 0);
    expect(checkLastExit(local, fakeStorage(), 'p2', STALE_MS / 2)).toEqual({ kind: 'clean' });
    expect(checkLastExit(local, fakeStorage(), 'p3', STALE_MS + 1)).toEqual({ kind: 'froze' });
  });

  it('a crash the error boundary caught makes the next load safe, once', () => {
    const local = fakeStorage();
    markCrashed(local, 'RangeError: Maximum call stack size exceeded');
    expect(checkLastExit(local, undefined, 'p1', 0)).toEqual({
      kind: 'crashed',
      message: 'RangeError: Maximum call stack size exceeded',
    });
    expect(checkLastExit(local, undefined, 'p2', 1)).toEqual({ kind: 'clean' });
  });
});

describe('booting', () => {
  it('takes the link out of the address before it is read', () => {
    const calls: string[] = [];
    const hash = takeLinkFromAddress(
      { hash: '#w2=AAAA', pathname: '/p/', search: '?speed=10' },
      (url) => calls.push(url),
    );
    expect(calls).toEqual(['/p/?speed=10']);
    expect(hash).toBe('#w2=AAAA');
    expect(
      takeLinkFromAddress({ hash: '#x', pathname: '/', search: '' }, () => calls.push('!')),
    ).toBe('');
    expect(calls).toHaveLength(1);
  });

  it('keeps the saved workspace when the link is bad, and names the problem', () => {
    const s = fakeStorage();
    saveSession(s, { workspace: { ...defaultWorkspace(), seed: 7 }, speed: 1 });
    const booted = bootSession({ loc: { hash: '#w=!!', search: '' }, storage: s });
    expect(booted.session.workspace.seed).toBe(7);
    expect(booted.problems).toEqual(['share link: not valid base64url']);
  });

  it('opens a link with no code on a first visit without asking', () => {
    const hash = encodeShareHash({ workspace: { ...defaultWorkspace(), seed: 9 }, speed: 1 });
    const booted = bootSession({ loc: { hash, search: '' }, storage: fakeStorage() });
    expect(booted).toMatchObject({ source: 'link', offer: undefined, notice: 'opened the link' });
  });

  it('?safe=1 starts nothing', () => {
    expect(bootSession({ loc: { hash: '', search: '?safe=1' }, storage: undefined }).safe).toEqual({
      reason: 'asked',
    });
  });

  it('after a page froze with the saved workspace: safe mode, and a copy quarantined', () => {
    const local = fakeStorage();
    const tab = fakeStorage();
    saveSession(local, { workspace: { ...defaultWorkspace(), seed: 7 }, speed: 1 });
    bootSession({ loc: { hash: '', search: '' }, storage: local, tab, pageId: 'p1', now: 0 });
    // p1 froze: no goodbye. The reload:
    const booted = bootSession({
      loc: { hash: '', search: '' },
      storage: local,
      tab,
      pageId: 'p2',
      now: 5000,
    });
    expect(booted.safe).toEqual({ reason: 'froze' });
    expect(booted.session.workspace.seed).toBe(7);
    expect(listKept(local, 'quarantine')[0]?.reason).toBe('the page stopped responding with it');
  });
});

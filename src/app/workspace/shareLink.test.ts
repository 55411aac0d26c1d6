import { readFileSync } from 'node:fs';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_MODULE_SOURCE, defaultWorkspace } from './defaultWorkspace';
import { MAX_JSON_DEPTH, parseJson } from './parse';
import {
  LEGACY_PREFIX,
  MAX_SHARE_URL,
  SHARE_PREFIX,
  bytesToBase64Url,
  decodeShareHash,
  encodeShareHash,
  shareUrl,
} from './shareLink';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8').trim();
const here = { origin: 'https://example.org', pathname: '/playground/', search: '' };

describe('share link codec', () => {
  it('round-trips a session, modules and unicode included', () => {
    const ws = defaultWorkspace();
    ws.modules.push({ name: 'greeter', source: '// héllo ✓\n({ init() { return ["ok", 0]; } })' });
    const hash = encodeShareHash({ workspace: ws, speed: 2 });
    expect(hash).toMatch(/^#w2=[A-Za-z0-9_-]+$/);
    expect(decodeShareHash(hash)).toEqual({ ok: true, value: { workspace: ws, speed: 2 } });
  });

  it('makes the default tree a link of a few characters (it was 821)', () => {
    const url = shareUrl(here, { workspace: defaultWorkspace(), speed: 0.5 });
    expect(url.ok && url.value.length).toBeLessThan(here.origin.length + 20 + 40);
    expect(encodeShareHash({ workspace: defaultWorkspace(), speed: 0.5 }).length).toBeLessThan(40);
  });

  it('opens a link made by the first version (#w=, base64url JSON), saved as a fixture', () => {
    const old = fixture('link-v1.txt');
    expect(old.startsWith(LEGACY_PREFIX)).toBe(true);
    const s = decodeShareHash(old);
    expect(s?.ok).toBe(true);
    if (!s?.ok) return;
    expect(s.value.speed).toBe(2);
    expect(s.value.workspace.modules.map((m) => m.name)).toEqual(['greeter']);
    expect(s.value.workspace.modules[0]?.source).toContain("greeting: 'héllo ✓'");
    expect(s.value.workspace.nodes[0]?.root.children.map((c) => c.id)).toEqual([
      'counter',
      'kv_store',
      'ticker',
      'db_sup',
      'greeter',
    ]);
  });

  it('opens a #w2= link saved as a fixture (the dictionary is frozen)', () => {
    const v2 = fixture('link-v2.txt');
    expect(v2.startsWith(SHARE_PREFIX)).toBe(true);
    expect(decodeShareHash(v2)).toEqual(decodeShareHash(fixture('link-v1.txt')));
  });

  it('refuses an over-long link at Share, saying to export instead', () => {
    const ws = defaultWorkspace();
    // Random-looking text does not compress.
    let source = '';
    for (let i = 0; source.length < MAX_SHARE_URL * 2; i++) source += `${(i * 7919) % 10007},`;
    ws.modules.push({ name: 'big', source: `/*${source}*/({})` });
    const url = shareUrl(here, { workspace: ws, speed: 1 });
    expect(url.ok).toBe(false);
    if (!url.ok) {
      expect(url.error).toMatch(/too big for a link/);
      expect(url.error).toMatch(/Export/);
    }
  });

  it('keeps ?safe=1 out of the link and the rest of the query in', () => {
    const url = shareUrl(
      { ...here, search: '?safe=1&speed=2' },
      { workspace: defaultWorkspace(), speed: 1 },
    );
    expect(url.ok && url.value).toMatch(/^https:\/\/example\.org\/playground\/\?speed=2#w2=/);
  });

  it('names a damaged, mistyped or hostile link', () => {
    expect(decodeShareHash('#w=!!!')).toEqual({
      ok: false,
      error: 'share link: not valid base64url',
    });
    const good = encodeShareHash({ workspace: defaultWorkspace(), speed: 1 });
    expect(decodeShareHash(good.slice(0, -3))?.ok).toBe(false);
    expect(decodeShareHash('#other')).toBeUndefined();
    // A few KB that would inflate to gigabytes is stopped early.
    const bomb = SHARE_PREFIX + bytesToBase64Url(deflateSync(new Uint8Array(20_000_000)));
    expect(bomb.length).toBeLessThan(100_000);
    expect(decodeShareHash(bomb)).toEqual({
      ok: false,
      error: 'share link: expands past 4000000 bytes',
    });
    // JSON nested 100,000 deep is refused before anything recursive sees it.
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const deepLink = SHARE_PREFIX + bytesToBase64Url(deflateSync(strToU8(deep), { level: 9 }));
    expect(decodeShareHash(deepLink)?.ok).toBe(false);
    expect(parseJson(deep, 'x')).toEqual({
      ok: false,
      error: `x: nested deeper than ${MAX_JSON_DEPTH} levels`,
    });
  }, 20_000);

  it('refuses a link to a tree the worker would refuse, naming it', () => {
    const ws = defaultWorkspace();
    (ws.nodes[0]!.root as { template?: unknown }).template = {
      kind: 'worker',
      id: 't',
      behaviour: 'counter',
    };
    expect(decodeShareHash(encodeShareHash({ workspace: ws, speed: 1 }))).toEqual({
      ok: false,
      error: 'share link: supervisor app_sup: only simple_one_for_one takes a template',
    });
  });

  it('is robust to brackets inside strings when measuring depth', () => {
    const ws = defaultWorkspace();
    ws.modules.push({ name: 'brackets', source: `"${'['.repeat(1000)}\\"["` });
    expect(parseJson(JSON.stringify(ws), 'x').ok).toBe(true);
    expect(EXAMPLE_MODULE_SOURCE.length).toBeGreaterThan(0);
  });
});

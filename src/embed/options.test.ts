import { describe, expect, it } from 'vitest';
import { encodeShareHash } from '../app/workspace/shareLink';
import { defaultWorkspace } from '../app/workspace/defaultWorkspace';
import { readOptions, rawFromSearch } from './options';
import { resolveTree } from './treeSource';

describe('readOptions', () => {
  it('reads attributes, mount() options and URL parameters alike', () => {
    const fromSearch = readOptions(
      rawFromSearch(
        '?chrome=none&theme=dark&speed=2&autoplay&readonly=true&height=300&lesson=links&step=2&allow-origin=https://a.example,https://b.example',
        () => true,
      ),
    );
    expect(fromSearch.problems).toEqual([]);
    expect(fromSearch.options).toMatchObject({
      chrome: 'none',
      theme: 'dark',
      speed: 2,
      autoplay: true,
      readonly: true,
      height: '300px',
      lesson: 'links',
      step: 2,
      allowOrigin: ['https://a.example', 'https://b.example'],
    });
    const fromMount = readOptions({ tree: { version: 1 }, allowOrigin: ['*'], autoplay: false });
    expect(fromMount.options.tree).toBe('{"version":1}');
    expect(fromMount.options.allowOrigin).toEqual(['*']);
    expect(fromMount.options.autoplay).toBe(false);
  });

  it('names every unknown or invalid option and falls back to the default', () => {
    const { options, problems } = readOptions({
      chrome: 'huge',
      colour: 'red',
      speed: '99',
      step: '0',
      height: 'tall',
      'allow-origin': 'https://a.example/path',
    } as never);
    expect(options.chrome).toBe('full');
    expect(options.speed).toBeUndefined();
    expect(problems).toEqual([
      expect.stringContaining('unknown option "colour"'),
      expect.stringContaining('step: expected a step number from 1'),
      expect.stringContaining('step: only means something with lesson'),
      expect.stringContaining('speed: speed must be between 0.1 and 10'),
      expect.stringContaining('height: expected a CSS length'),
      expect.stringContaining('chrome: expected full, minimal, none; got "huge"'),
      expect.stringContaining('allow-origin: "https://a.example/path" is not an origin'),
    ]);
  });
});

describe('resolveTree', () => {
  const ws = defaultWorkspace();
  it('takes JSON, a share string, a whole share link and a URL', async () => {
    expect((await resolveTree(JSON.stringify(ws), 'https://x.example/')).ok).toBe(true);
    const hash = encodeShareHash({ workspace: ws, speed: 1 });
    expect(await resolveTree(hash, 'https://x.example/')).toMatchObject({ ok: true });
    expect(await resolveTree(`https://play.example/${hash}`, 'https://x.example/')).toMatchObject({
      ok: true,
      value: { speed: 1 },
    });
    const fetched: string[] = [];
    const fake = (async (url: string) => {
      fetched.push(url);
      return new Response(JSON.stringify({ workspace: ws, speed: 2 }));
    }) as typeof fetch;
    expect(await resolveTree('./trees/a.json', 'https://x.example/docs/', fake)).toMatchObject({
      ok: true,
      value: { speed: 2 },
    });
    expect(fetched).toEqual(['https://x.example/docs/trees/a.json']);
  });

  it('says what is wrong with a bad tree', async () => {
    expect(await resolveTree('not a tree', 'https://x.example/')).toMatchObject({
      ok: false,
      error: expect.stringContaining('tree: expected a workspace as JSON'),
    });
    expect(await resolveTree('{"version":1}', 'https://x.example/')).toMatchObject({ ok: false });
    const missing = (async () => new Response('nope', { status: 404 })) as unknown as typeof fetch;
    expect(await resolveTree('/a.json', 'https://x.example/', missing)).toMatchObject({
      ok: false,
      error: 'tree: https://x.example/a.json answered 404',
    });
  });
});

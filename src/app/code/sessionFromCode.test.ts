import { describe, expect, it } from 'vitest';
import { looksLikeJson } from './looksLikeJson';
import { sessionFromCode } from './sessionFromCode';

describe('sessionFromCode (Import of a supervisor’s source)', () => {
  it('builds a one-node workspace in the language of the code, named after the file', () => {
    const s = sessionFromCode(
      'init([]) ->\n  {ok, {#{strategy => rest_for_one}, [#{id => db, start => {db, start_link, []}}]}}.',
      'shop_sup.erl',
    );
    expect(s.ok && s.value.workspace.flavour).toBe('erlang');
    expect(s.ok && s.value.workspace.nodes[0]?.root).toMatchObject({
      id: 'shop_sup',
      strategy: 'rest_for_one',
      children: [{ id: 'db', behaviour: 'kv_store' }],
    });
    const ex = sessionFromCode(
      'children = [Counter]\nSupervisor.init(children, strategy: :one_for_one)',
      'application.ex',
    );
    expect(ex.ok && ex.value.workspace.flavour).toBe('elixir');
  });

  it('names the file, the line and the column of a problem', () => {
    expect(sessionFromCode('children = [Counter\n', 'app.ex')).toEqual({
      ok: false,
      error: "file app.ex: line 2, column 1: expected ',' or ']' but found the end",
    });
  });

  it('tells a workspace file from code', () => {
    expect(looksLikeJson('{"workspace": {}}')).toBe(true);
    expect(looksLikeJson('{ok, {#{}, []}}')).toBe(false);
    expect(looksLikeJson('children = []')).toBe(false);
  });
});

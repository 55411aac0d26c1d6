import { describe, expect, it } from 'vitest';
import { erlangTextIn } from './inFlavour';

describe('erlangTextIn (the store’s Erlang text, shown in the flavour)', () => {
  it('rewrites one term in Elixir and leaves Erlang and sentences alone', () => {
    expect(erlangTextIn('elixir', '{shutdown,bye}')).toBe('{:shutdown, :bye}');
    expect(erlangTextIn('elixir', 'boom')).toBe(':boom');
    expect(erlangTextIn('elixir', "{'EXIT',<1.5.0>,killed}")).toBe('{:EXIT, #PID<1.5.0>, :killed}');
    expect(erlangTextIn('elixir', "{'$gen_cast',{put,k,1}}")).toBe('{:"$gen_cast", {:put, :k, 1}}');
    expect(erlangTextIn('elixir', '#{count => 1}')).toBe('%{count: 1}');
    expect(erlangTextIn('elixir', '{counter,start_link,[#{start => 0}]}')).toBe(
      '{:counter, :start_link, [%{start: 0}]}',
    );
    expect(erlangTextIn('elixir', 'not running')).toBe('not running');
    expect(erlangTextIn('erlang', '{shutdown,bye}')).toBe('{shutdown,bye}');
  });
});

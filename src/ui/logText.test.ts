import { describe, expect, it } from 'vitest';
import { formatElixirTerm } from '../store/formatElixir';
import type { LogEntry } from '../store/types';
import { elixirLabel, elixirLine } from './logText';

const entry = (text: string, terms: { text: string; value: unknown }[]): LogEntry => ({
  seq: 1,
  t: 0,
  node: 1,
  kind: 'exit',
  category: 'lifecycle',
  level: 'warning',
  pids: [],
  text,
  terms,
});

describe('elixirLine', () => {
  it('writes each term of an OTP line in Elixir, in order, and pids as #PID<…>', () => {
    const e = entry('counter <1.3.0> exited: boom', [{ text: 'boom', value: 'boom' }]);
    expect(elixirLine(e, (v) => formatElixirTerm(v))).toBe('counter #PID<1.3.0> exited: :boom');
    const sent = entry('shell sent {add,5} to counter <1.3.0>: #{count => 0}', [
      { text: '{add,5}', value: ['add', 5] },
      { text: '#{count => 0}', value: { $map: [['count', 0]] } },
    ]);
    expect(elixirLine(sent, (v) => formatElixirTerm(v))).toMatch(
      /^shell sent \{:add, 5\} to counter #PID<1\.3\.0>: /,
    );
  });

  it('leaves a line without terms as OTP wrote it, pids aside', () => {
    expect(elixirLine(entry('node node1 up', []), () => 'x')).toBe('node node1 up');
  });
});

describe('elixirLabel', () => {
  it("writes a dot's reason and the EXIT and DOWN tags as Elixir does", () => {
    const e = entry('app_sup <1.2.0> sent exit signal {shutdown,x} to w <1.3.0>', [
      { text: '{shutdown,x}', value: ['shutdown', 'x'] },
    ]);
    const f = (v: unknown) => formatElixirTerm(v);
    expect(elixirLabel('{shutdown,x}', e, f)).toBe('{:shutdown, :x}');
    expect(elixirLabel("'EXIT'", e, f)).toBe(':EXIT');
    expect(elixirLabel('DOWN', e, f)).toBe(':DOWN');
    expect(elixirLabel('other', e, f)).toBe('other');
  });
});

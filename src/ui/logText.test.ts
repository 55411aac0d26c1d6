import { describe, expect, it } from 'vitest';
import { formatElixirTerm } from '../store/formatElixir';
import type { LogEntry } from '../store/types';
import { elixirLine } from './logText';

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

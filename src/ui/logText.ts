import type { LogEntry } from '../store/types';

/**
 * A log line's text in the Elixir flavour: each term the line wrote (`LogEntry.terms`, as `~0p`
 * wrote it) replaced, in order, by the same value in Elixir's syntax (`boom` → `:boom`,
 * `#{count => 0}` → `%{count: 0}`), and pids as `#PID<…>`. The store's text is OTP's and stays.
 */
export function elixirLine(e: LogEntry, format: (value: unknown) => string): string {
  let out = '';
  let rest = e.text;
  for (const t of e.terms ?? []) {
    const at = rest.indexOf(t.text);
    if (at < 0) continue;
    out += pids(rest.slice(0, at)) + format(t.value);
    rest = rest.slice(at + t.text.length);
  }
  return out + pids(rest);
}

const pids = (s: string): string => s.replace(/<(\d+\.\d+\.\d+)>/g, '#PID<$1>');

/**
 * A dot's label in Elixir: a reason the line wrote as a term (`LogEntry.terms`) in Elixir's
 * syntax, the `'EXIT'` and `'DOWN'` tags as the atoms Elixir prints (`:EXIT`, `:DOWN`).
 */
export function elixirLabel(
  erlang: string,
  e: LogEntry,
  format: (value: unknown) => string,
): string {
  if (erlang === "'EXIT'") return ':EXIT';
  if (erlang === 'DOWN') return ':DOWN';
  const t = e.terms?.find((w) => w.text === erlang);
  return t === undefined ? erlang : format(t.value);
}

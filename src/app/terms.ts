import { describeError } from '../base';
import { parseTerm } from '../runtime';
import type { Flavour, Term } from '../runtime';
import { parseElixirTerm } from './code/elixirTerm';
import type { Checked } from './workspace/validate';

/**
 * Parses what a person typed, in the workspace's flavour: Erlang `ping`, `42`, `{ping, 1}`;
 * Elixir `:ping`, `{:ping, 1}`, `%{a: 1}`, `"text"`. An error names the position.
 */
export function parseTermInput(text: string, flavour: Flavour = 'erlang'): Checked<Term> {
  if (text.trim() === '')
    return {
      ok: false,
      error: `empty: type a term such as ${flavour === 'elixir' ? ':ping or {:ping, 1}' : 'ping or {ping, 1}'}`,
    };
  try {
    return {
      ok: true,
      value: flavour === 'elixir' ? parseElixirTerm(text) : parseTerm(text.trim()),
    };
  } catch (e) {
    return { ok: false, error: describeError(e).replace(/^bad term "[^"]*": /, '') };
  }
}

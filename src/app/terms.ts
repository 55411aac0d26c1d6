import type { Flavour, Term } from '../runtime';
import { parseElixirTerm } from './code/elixirTerm';
import { parseErlangInput, parseWith } from './termInput';
import type { Checked } from './workspace/validate';

/**
 * Parses what a person typed, in the workspace's flavour: Erlang `ping`, `42`, `{ping, 1}`;
 * Elixir `:ping`, `{:ping, 1}`, `%{a: 1}`, `"text"` (the dialogs get it through the lazily loaded
 * `code/elixirView.ts`). An error names the position.
 */
export function parseTermInput(text: string, flavour: Flavour = 'erlang'): Checked<Term> {
  return flavour === 'elixir' ? parseWith(text, flavour, parseElixirTerm) : parseErlangInput(text);
}

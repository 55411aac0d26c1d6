/**
 * Reading a term a person typed, apart from the Elixir reader: the page's dialogs import this
 * at once, and `terms.ts` (with `code/elixirTerm.ts`) only in the lazily loaded Elixir view.
 */
import { describeError } from '../base';
import { parseTerm } from '../runtime';
import type { Flavour, Term } from '../runtime';
import type { Checked } from './workspace/validate';

const EXAMPLE: Record<Flavour, string> = {
  erlang: 'ping or {ping, 1}',
  elixir: ':ping or {:ping, 1}',
};

export function parseWith(
  text: string,
  flavour: Flavour,
  parse: (t: string) => Term,
): Checked<Term> {
  if (text.trim() === '')
    return { ok: false, error: `empty: type a term such as ${EXAMPLE[flavour]}` };
  try {
    return { ok: true, value: parse(text.trim()) };
  } catch (e) {
    return { ok: false, error: describeError(e).replace(/^bad term "[^"]*": /, '') };
  }
}

/** Erlang only (`ping`, `42`, `{ping, 1}`): the dialogs' reader, without the Elixir one's weight. */
export function parseErlangInput(text: string): Checked<Term> {
  return parseWith(text, 'erlang', parseTerm);
}

import { describeError } from '../base';
import { parseTerm } from '../runtime';
import type { Term } from '../runtime';
import type { Checked } from './workspace/validate';

/** Parses what a person typed (`ping`, `42`, `{ping, 1}`); an error names the position. */
export function parseTermInput(text: string): Checked<Term> {
  if (text.trim() === '')
    return { ok: false, error: 'empty: type a term such as ping or {ping, 1}' };
  try {
    return { ok: true, value: parseTerm(text.trim()) };
  } catch (e) {
    return { ok: false, error: describeError(e).replace(/^bad term "[^"]*": /, '') };
  }
}

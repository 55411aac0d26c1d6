import type { Flavour } from '../../runtime';
import { formatElixirTerm } from '../../store/formatElixir';
import { termOf } from './elixirTerm';
import { Parser } from './syntax';

/** The term an Erlang text (`~0p`) holds, or undefined when it is not one term. */
export function readErlangText(text: string): unknown {
  try {
    const p = Parser.of(text, 'erlang');
    const t = termOf(p.expr());
    return p.atEnd() ? structuredClone(t) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Text the store wrote in Erlang (`~0p`: an exit reason, a restart's reason, an example message,
 * a report's field) as the flavour shows it: unchanged in Erlang, as Elixir's `inspect/2` would
 * print the same term in Elixir (`{shutdown,bye}` → `{:shutdown, :bye}`). The store keeps OTP's
 * wording once, when an event is folded; this reads it back rather than keep every term twice.
 * Text that is not one term (a sentence) is shown as it is.
 */
export function erlangTextIn(flavour: Flavour, text: string): string {
  if (flavour === 'erlang') return text;
  const t = readErlangText(text);
  return t === undefined ? text : formatElixirTerm(t);
}

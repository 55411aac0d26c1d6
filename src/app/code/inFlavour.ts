import type { Flavour } from '../../runtime';
import { parseTerm } from '../../runtime';
import { formatElixirTerm } from '../../store/formatElixir';

const PID = /<(\d+)\.(\d+)\.(\d+)>/g;

/**
 * Text the store wrote in Erlang (`~0p`: an exit reason, a restart's reason, an example message)
 * as the flavour shows it: unchanged in Erlang, as Elixir's `inspect/2` would print the same
 * term in Elixir (`{shutdown,bye}` → `{:shutdown, :bye}`). The store keeps OTP's wording once,
 * when an event is folded; this reads it back rather than keep every term twice. Text that is
 * not one term (a sentence) is shown as it is.
 */
export function erlangTextIn(flavour: Flavour, text: string): string {
  if (flavour === 'erlang') return text;
  // parseTerm reads no pids: they go through as atoms and come back as #PID<…>.
  const marked = text.replace(PID, "'$pid<$1.$2.$3>'");
  let term;
  try {
    term = parseTerm(marked);
  } catch {
    return text;
  }
  return formatElixirTerm(structuredClone(term)).replace(/:"\$pid(<\d+\.\d+\.\d+>)"/g, '#PID$1');
}

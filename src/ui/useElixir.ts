import { useEffect, useState } from 'react';
import type * as ElixirViewModule from '../app/code/elixirView';
import type { Flavour } from '../runtime';
import type { Term } from '../runtime';
import type { Checked } from '../app/workspace/validate';
import { parseErlangInput } from '../app/termInput';
import { useUi } from './context';

type ElixirView = typeof ElixirViewModule;

let loaded: ElixirView | undefined;
let loading: Promise<ElixirView> | undefined;

/**
 * The Elixir view (`app/code/elixirView.ts`) while the workspace's flavour is Elixir, else
 * undefined. It loads the first time it is asked for; until then (a frame or two) the caller
 * shows OTP's Erlang text, which is what the store holds.
 */
export function useElixir(): ElixirView | undefined {
  const elixir = useUi((s) => s.workspace.flavour === 'elixir');
  const [, setReady] = useState(loaded !== undefined);
  useEffect(() => {
    if (!elixir || loaded !== undefined) return;
    let live = true;
    loading ??= import('../app/code/elixirView').then((m) => (loaded = m));
    void loading.then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [elixir]);
  return elixir ? loaded : undefined;
}

/**
 * What a person typed, in the flavour: Elixir through the loaded view (it loads when the dialog
 * opens, so it is there by the time anyone submits), Erlang at once.
 */
export function readTerm(
  flavour: Flavour,
  elixir: ElixirView | undefined,
  text: string,
): Checked<Term> {
  if (flavour === 'erlang') return parseErlangInput(text);
  return (
    elixir?.parseTermInput(text, 'elixir') ?? {
      ok: false,
      error: 'the Elixir reader is still loading: try again',
    }
  );
}

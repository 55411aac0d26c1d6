/**
 * A workspace file is JSON (`{"workspace": …}`); anything else Import is given is read as code
 * (`sessionFromCode.ts`, loaded only then). Erlang's `{ok, …}` starts with a brace too, but never
 * with `{"`.
 */
export const looksLikeJson = (text: string): boolean => /^\s*(\{\s*"|\[|$)/.test(text);

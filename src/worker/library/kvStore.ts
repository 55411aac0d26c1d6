import type { GenServerModule, Term } from '../../runtime';
import { formatTerm, isTuple } from '../../runtime';
import type { Behaviour } from './types';
import { argMap } from './types';

export interface KvState {
  readonly data: { readonly [key: string]: Term };
}

/** Map keys are strings: an atom is its own key, any other term its printed form. */
const keyOf = (k: Term): string => (typeof k === 'string' ? k : formatTerm(k));

function update(s: KvState, req: readonly Term[]): KvState | undefined {
  if (req[0] === 'put' && req.length === 3) return { data: { ...s.data, [keyOf(req[1])]: req[2] } };
  if (req[0] === 'delete' && req.length === 2) {
    const { [keyOf(req[1])]: _gone, ...rest } = s.data;
    return { data: rest };
  }
  return undefined;
}

/**
 * A key-value store: `call({put, K, V})` → ok, `call({get, K})` →
 * `{ok, V}` or `error` (as `maps:find/2`), `call({delete, K})` → ok,
 * `call(keys)`; put and delete also work as casts. The inspector shows the map.
 */
export const kvStoreModule: GenServerModule<KvState> = {
  name: 'kv_store',
  init: (args) => {
    const initial = argMap(args).initial;
    return ['ok', { data: { ...argMap(initial === undefined ? {} : initial) } }];
  },
  handleCall(req, _from, s) {
    if (req === 'keys') return ['reply', Object.keys(s.data), s];
    if (isTuple(req)) {
      if (req[0] === 'get' && req.length === 2) {
        const k = keyOf(req[1]);
        return ['reply', k in s.data ? ['ok', s.data[k]] : 'error', s];
      }
      const next = update(s, req);
      if (next !== undefined) return ['reply', 'ok', next];
    }
    return ['reply', ['error', ['unknown_call', req]], s];
  },
  handleCast: (msg, s) => ['noreply', (isTuple(msg) ? update(s, msg) : undefined) ?? s],
  describe: (s) => s.data,
};

export const kvStore: Behaviour = {
  name: 'kv_store',
  description: 'A key-value store: call {put, K, V}, {get, K}, {delete, K}; the state is the map.',
  defaultArgs: {},
  module: kvStoreModule,
};

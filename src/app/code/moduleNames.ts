/**
 * Module names between the playground's behaviours and people's code: `kv_store` is the Erlang
 * module `kv_store` and the Elixir module `KvStore` (Macro.camelize/1); `MyApp.KVStore` is
 * `kv_store` again (Macro.underscore/1 of the last segment). A module the playground does not
 * have becomes the closest library behaviour by what its name says, else a generic echo server.
 */

/** Macro.camelize/1: `kv_store` → `KvStore`. */
export function camelize(name: string): string {
  return name
    .split('_')
    .filter((p) => p !== '')
    .map((p) => (p[0] as string).toUpperCase() + p.slice(1))
    .join('');
}

/** Macro.underscore/1 of an alias's last segment: `MyApp.KVStore` → `kv_store`. */
export function underscore(alias: string): string {
  const last = alias.slice(alias.lastIndexOf('.') + 1);
  return last
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** Names a behaviour may be guessed from, first match wins; the fallback is `echo`. */
const GUESSES: readonly [RegExp, string][] = [
  [/count/, 'counter'],
  [/tick|timer|clock|poll|schedul|cron|heartbeat|interval/, 'ticker'],
  [/flak|chaos|random|unstable/, 'flaky'],
  [/slow|drain|graceful|terminat/, 'slow_terminator'],
  [/cache|store|kv|registry|repo|db|table|ets|state|session|config|bucket/, 'kv_store'],
];

export interface ModuleChoice {
  /** The behaviour the worker runs. */
  behaviour: string;
  /** True when the module is the behaviour (its args are kept); false when it was guessed. */
  exact: boolean;
}

/** The behaviour for a module named `name` (already underscored), given which ones exist. */
export function behaviourForModule(name: string, known: (b: string) => boolean): ModuleChoice {
  if (known(name)) return { behaviour: name, exact: true };
  const guess = GUESSES.find(([re]) => re.test(name))?.[1] ?? 'echo';
  return { behaviour: guess, exact: false };
}

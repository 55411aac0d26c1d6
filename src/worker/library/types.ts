import type { GenServerModule, Term } from '../../runtime';
import { isPid, isRef, isTuple } from '../../runtime';

/**
 * A gen_server module of any state type. Callbacks are methods, which
 * TypeScript checks bivariantly, so every concrete module fits.
 */
export type AnyGenServer = GenServerModule<unknown, Term>;

/** One entry of the behaviour library, as the "add worker" picker lists it. */
export interface Behaviour {
  readonly name: string;
  /** One sentence for the picker. */
  readonly description: string;
  /** What a new worker of this behaviour starts with; a spec's `args` map is merged over it. */
  readonly defaultArgs: Term;
  readonly module: AnyGenServer;
}

/** A spec's args as a map (anything else reads as no args). */
export function argMap(args: Term): { readonly [key: string]: Term } {
  if (typeof args !== 'object' || args === null || isTuple(args) || isPid(args) || isRef(args))
    return {};
  return args as { readonly [key: string]: Term };
}

/** A numeric arg, or the default when it is missing or not a finite number. */
export function numArg(args: Term, key: string, dflt: number): number {
  const v = argMap(args)[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : dflt;
}

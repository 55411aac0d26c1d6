import type { Ctx, Eff, EffInput, Effect, Term } from '../../runtime';
import { InvariantError } from '../../base';
import { ErlangError, ProcessExit, TIMEOUT, formatTerm } from '../../runtime';
import * as runtimeErrors from '../../runtime/errors';
import { Budget, metered } from './meter';
import type { Sandbox } from './registry';
import { copyIn, copyOut, errorParts, stackOf } from './safeTerm';

/** What the wrappers of one compiled module share. */
export interface ModuleEnv {
  readonly name: string;
  /** The `//# sourceURL` its code was evaluated under: stack frames from it give the line. */
  readonly sourceUrl: string;
  readonly sb: Sandbox;
  readonly hooks: ModuleHooks;
}

/** What the node lends the wrappers. */
export interface ModuleHooks {
  /**
   * Charges the running process's turn this many more reductions (Node.charge):
   * a process whose callbacks work hard yields its turn sooner, as on BEAM.
   */
  charge?: (reductions: number) => void;
}

/** Metered reductions (loop iterations, calls) per reduction of a process's turn (a turn is 2,000). */
export const METERED_PER_REDUCTION = 100;

/** Code lines before the person's line 1 in what is evaluated (see userModule.ts). */
export const LINE_OFFSET = 1;

/** The runtime's exception classes that only pass through module code. */
const { KilledBySignal } = runtimeErrors as unknown as {
  KilledBySignal?: abstract new () => object;
};

/**
 * Runs module code as process `owner` (null: module top level, `describe`),
 * charged to a fresh {@link Budget}. Whatever it throws comes back as
 * something the runtime can hold without running module code: a host Error
 * named after the module and callback (`my_server.handleCall: … (line 4)`),
 * or an exit with a copied reason. A spent budget ends the process with
 * `{reductions_exceeded, N}`, however the code tried to catch it. What it
 * used is charged to the process's turn ({@link METERED_PER_REDUCTION}).
 */
export function callUser<T>(owner: Ctx | null, env: ModuleEnv, what: string, fn: () => T): T {
  const b = new Budget(owner);
  let ok = false;
  let value: T | undefined;
  let error: unknown;
  try {
    metered(b, () => {
      try {
        value = fn();
        ok = true;
      } catch (e) {
        // Still metered: reading what was thrown may run a Proxy's traps.
        error = hostError(e, env, what);
      }
    });
  } catch (e) {
    // The budget ran out while describing what was thrown.
    error = e;
  }
  if (owner !== null) env.hooks.charge?.(Math.floor(b.spent / METERED_PER_REDUCTION));
  if (b.tripped !== undefined) throw new ProcessExit(b.tripped);
  if (!ok) throw error;
  return value as T;
}

/** Something module code threw, as the runtime may hold it. */
function hostError(e: unknown, env: ModuleEnv, what: string): unknown {
  if (e instanceof ProcessExit) return new ProcessExit(copyOut(ownValue(e, 'reason')));
  if (e instanceof ErlangError) return new ErlangError(copyOut(ownValue(e, 'reason')));
  if (e instanceof InvariantError) return e;
  if (KilledBySignal !== undefined && e instanceof KilledBySignal) return e;
  const { name, message } = errorParts(e);
  const line = lineOf(e, env.sourceUrl);
  const err = new Error(
    `${env.name}.${what}: ${message}${line === undefined ? '' : ` (line ${line})`}`,
  );
  err.name = name;
  return err;
}

function ownValue(o: object, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(o, key);
  return d !== undefined && 'value' in d ? d.value : undefined;
}

/** The person's line an exception was thrown at: the first stack frame in the module's code. */
export function lineOf(e: unknown, sourceUrl: string): number | undefined {
  const stack = stackOf(e);
  if (stack === undefined) return undefined;
  const at = stack.indexOf(`${sourceUrl}:`);
  if (at < 0) return undefined;
  const m = /^:(\d+):\d+/.exec(stack.slice(at + sourceUrl.length));
  if (m === null) return undefined;
  const line = Number(m[1]) - LINE_OFFSET;
  return line >= 1 ? line : undefined;
}

// ---- generators --------------------------------------------------------------

/** `%GeneratorPrototype%`: its `next` is the engine's, brand-checked, never the module's. */
const GeneratorPrototype = (Object.getPrototypeOf(function* () {}) as { prototype: object })
  .prototype;
const genNext = (GeneratorPrototype as { next: (v?: unknown) => IteratorResult<unknown> }).next;

/** True for a generator object made by a `function*` (its prototype chain leads to %GeneratorPrototype%). */
export function isGenerator(x: unknown): x is object {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const p = Object.getPrototypeOf(x) as object | null;
  return p !== null && Object.getPrototypeOf(p) === GeneratorPrototype;
}

/** An effect and its match function, frozen: module code may hold it (it can drive the generator by hand). */
function freezeEffect(e: Effect): Effect {
  if (typeof e.match === 'function') Object.freeze(e.match);
  return Object.freeze(e);
}

/** Effects made by the runtime's own generators (otp.call, otp.sleep): frozen, passed on as they are. */
const trusted = new WeakSet<object>();

/**
 * One of the runtime's generators, for module code: it runs only while its
 * own process runs a callback, and the effects it yields are frozen and
 * recognised as the runtime's.
 */
export function* runtimeGenerator<T>(gen: Eff<T>, assertOwner: () => void): Eff<T> {
  let input: EffInput | undefined;
  for (;;) {
    assertOwner();
    const r = gen.next(input as EffInput);
    if (r.done) return r.value;
    trusted.add(freezeEffect(r.value));
    input = yield r.value;
  }
}

// Module code holds instances of it (`otp.call(…)` returns one): their shared prototype is frozen.
Object.freeze(runtimeGenerator.prototype);

/**
 * Drives a generator callback of module code: each resumption is one
 * metered call, messages it receives are copies, what it yields must be an
 * effect (from otp.sleep / otp.receive / otp.call via `yield*`), and its
 * final value goes through `done` (the same check as a plain return).
 */
export function* driveGenerator<R>(
  gen: object,
  owner: Ctx,
  env: ModuleEnv,
  what: string,
  done: (value: unknown) => R,
): Eff<R> {
  let input: unknown;
  for (;;) {
    const step = callUser(owner, env, what, () => {
      const r = Reflect.apply(genNext, gen, [input]) as IteratorResult<unknown, unknown>;
      if (r.done === true) return { done: true as const, value: done(r.value) };
      return { done: false as const, effect: effectOf(r.value, owner, env, what) };
    });
    if (step.done) return step.value;
    const msg: EffInput = yield step.effect;
    input = msg === TIMEOUT ? TIMEOUT : copyIn(msg);
  }
}

/** A yielded value as an effect the runtime can run; a module's own `match` is wrapped. */
function effectOf(v: unknown, owner: Ctx, env: ModuleEnv, what: string): Effect {
  if (typeof v === 'object' && v !== null && trusted.has(v)) return v as Effect;
  const bad = (): never => {
    throw new TypeError(
      `${what} yielded ${showTerm(v)}; expected an effect: yield* otp.sleep(ms), otp.receive(match, after) or otp.call(…)`,
    );
  };
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad();
  const match = ownValue(v, 'match');
  const after = ownValue(v, 'after');
  const since = ownValue(v, 'since');
  if (typeof match !== 'function') return bad();
  if (after !== undefined && !isMs(after)) return bad();
  if (since !== undefined && (typeof since !== 'number' || !Number.isInteger(since))) return bad();
  return Object.freeze({
    match: matcher(match as (m: unknown) => unknown, owner, env),
    after: after as number | undefined,
    since: since as number | undefined,
  });
}

/** A module's receive pattern, as the runtime calls it for each queued message: metered, given a copy. */
export function matcher(
  match: (m: unknown) => unknown,
  owner: Ctx,
  env: ModuleEnv,
): (msg: Term) => boolean {
  return (msg) => callUser(owner, env, 'receive match', () => Boolean(match(copyIn(msg))));
}

export const isMs = (x: unknown): x is number =>
  typeof x === 'number' && Number.isFinite(x) && x >= 0;

/** A value from module code, printed for a message (at most 80 characters). */
export function showTerm(v: unknown): string {
  if (v === undefined) return 'undefined';
  const s = formatTerm(copyOut(v));
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

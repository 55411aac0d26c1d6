import type { Ctx, Eff, Pid, Term } from '../runtime';
import { InvariantError, describeError } from '../base';
import {
  ErlangError,
  ProcessExit,
  TIMEOUT,
  call,
  cast,
  formatTerm,
  isPid,
  isRef,
  isTuple,
  receiveWhere,
  reply,
  sleep,
} from '../runtime';
import type { AnyGenServer } from './library';
import { behaviours } from './library';
import type { UserModule } from './protocol';

/**
 * Compiles a person's GenServer source in the worker. The source is a
 * JavaScript expression evaluating to an object with OTP's callbacks
 * returning OTP's tuples as arrays (see src/worker/CONTEXT.md). A syntax
 * error becomes a message naming the module and the line; an exception or a
 * malformed return inside a callback ends only that process, with
 * `{error, "TypeError: mod.handleCall: … (line N)"}` as the reason.
 */

export type CompileResult =
  { ok: true; module: AnyGenServer } | { ok: false; error: string; line: number | undefined };

/** Helpers the source sees as `otp`: the blocking ones are generators, used with `yield*` in a `*callback`. */
export const otpHelpers = {
  call: (
    ctx: Ctx,
    server: Pid | string,
    request: Term,
    timeout: number | 'infinity' = 5000,
  ): Eff<Term> => call(ctx, server, request, timeout),
  cast,
  reply,
  sleep,
  /** `receive M when match(M) -> M after Ms -> otp.TIMEOUT end` */
  receive: receiveWhere,
  TIMEOUT,
  format: (t: Term): string => formatTerm(t),
  isPid,
  isRef,
  isTuple,
  /** A line in the event log from this process. */
  log: (ctx: Ctx, text: string): void =>
    ctx.trace({ type: 'log', pid: ctx.self, text: String(text) }),
};

const CALLBACKS = [
  'init',
  'handleCall',
  'handleCast',
  'handleInfo',
  'terminate',
  'describe',
] as const;
type Callback = (typeof CALLBACKS)[number];
const ATOM = /^[a-z][a-zA-Z0-9_]*$/;

// The body given to `new Function`: user line 1 is the third body line.
const HEAD = '"use strict";\nreturn (\n';
const TAIL = '\n);';
/** V8 numbers `new Function` source from its `function anonymous(` header: two lines, then HEAD's two. */
const STACK_LINE_OFFSET = 4;

export function compileUserModule(mod: UserModule): CompileResult {
  const fail = (what: string, line?: number): CompileResult => ({
    ok: false,
    error: `module ${mod.name}: ${what}${line === undefined ? '' : ` (line ${line})`}`,
    line,
  });
  if (!ATOM.test(mod.name)) return fail('the name must be an atom such as my_server');
  let factory: (otp: typeof otpHelpers) => unknown;
  try {
    factory = new Function('otp', HEAD + mod.source + TAIL) as typeof factory;
  } catch (e) {
    return fail(describeError(e, { withName: true }), syntaxErrorLine(mod.source, e));
  }
  let obj: unknown;
  try {
    obj = factory(otpHelpers);
  } catch (e) {
    return fail(
      `evaluating the module threw ${describeError(e, { withName: true })}`,
      stackLine(e),
    );
  }
  if (typeof obj !== 'object' || obj === null)
    return fail('the source must evaluate to an object such as ({ init(args, ctx) { … } })');
  const src = obj as Record<string, unknown>;
  for (const key of Object.keys(src)) {
    if (
      !(CALLBACKS as readonly string[]).includes(key) &&
      typeof src[key] === 'function' &&
      /^(init|handle|terminate|describe)/i.test(key)
    )
      return fail(`unknown callback '${key}' (expected ${CALLBACKS.join(', ')})`);
  }
  if (typeof src.init !== 'function') return fail('init(args, ctx) is missing');
  for (const key of CALLBACKS) {
    if (src[key] !== undefined && typeof src[key] !== 'function')
      return fail(`${key} must be a function`);
  }
  return { ok: true, module: wrapModule(mod.name, src) };
}

/**
 * Compiles a workspace's modules for one node. A broken module still
 * exists: its processes fail to start with `{compile_error, Message}`, so
 * the error shows on the process that needed it, never the page.
 */
export function compileModules(
  modules: readonly UserModule[],
  report: (message: string) => void,
): Map<string, AnyGenServer> {
  const out = new Map<string, AnyGenServer>();
  for (const m of modules) {
    if (Object.hasOwn(behaviours, m.name)) {
      report(`module ${m.name}: the name is taken by a library behaviour`);
      continue;
    }
    const r = compileUserModule(m);
    if (!r.ok) report(r.error);
    out.set(
      m.name,
      r.ok ? r.module : { name: m.name, init: () => ['stop', ['compile_error', r.error]] },
    );
  }
  return out;
}

/** Builds the runtime module around the user's object: results checked, errors named. */
function wrapModule(name: string, src: Record<string, unknown>): AnyGenServer {
  const fn = (key: Callback): ((...args: unknown[]) => unknown) | undefined =>
    typeof src[key] === 'function' ? (src[key] as (...args: unknown[]) => unknown) : undefined;
  const guard = (key: Callback, check: (r: unknown) => string | undefined) => {
    const cb = fn(key);
    if (cb === undefined) return undefined;
    return (...args: unknown[]): never => {
      let r: unknown;
      try {
        r = cb.apply(src, args);
      } catch (e) {
        throw annotate(e, name, key);
      }
      if (isGenerator(r)) return checkedGenerator(r, name, key, check) as never;
      const problem = check(r);
      if (problem !== undefined)
        throw new Error(`${name}.${key} returned ${show(r)}; expected ${problem}`);
      return r as never;
    };
  };
  const describe = fn('describe');
  const module: Record<string, unknown> = {
    name,
    init: guard('init', expectInit),
    handleCall: guard('handleCall', expectCall),
    handleCast: guard('handleCast', expectNoreply),
    handleInfo: guard('handleInfo', expectNoreply),
    terminate: guard('terminate', () => undefined),
    // describe runs in the host (the inspector), not in the process: it must never throw out.
    describe:
      describe &&
      ((state: unknown, now: number): Term => {
        try {
          return describe.call(src, state, now) as Term;
        } catch (e) {
          return { describe_error: describeError(e, { withName: true }) };
        }
      }),
  };
  for (const k of Object.keys(module)) if (module[k] === undefined) delete module[k];
  return module as unknown as AnyGenServer;
}

function* checkedGenerator(
  gen: Eff<unknown>,
  name: string,
  key: Callback,
  check: (r: unknown) => string | undefined,
): Eff<unknown> {
  let r: unknown;
  try {
    r = yield* gen;
  } catch (e) {
    throw annotate(e, name, key);
  }
  const problem = check(r);
  if (problem !== undefined)
    throw new Error(`${name}.${key} returned ${show(r)}; expected ${problem}`);
  return r;
}

const tupleOf = (r: unknown, tag: string, ...lengths: number[]): boolean =>
  isTuple(r as Term) && (r as unknown[])[0] === tag && lengths.includes((r as unknown[]).length);

const expectInit = (r: unknown): string | undefined =>
  tupleOf(r, 'ok', 2, 3) || r === 'ignore' || tupleOf(r, 'stop', 2)
    ? undefined
    : "['ok', State], 'ignore' or ['stop', Reason]";
const expectCall = (r: unknown): string | undefined =>
  tupleOf(r, 'reply', 3, 4) || tupleOf(r, 'noreply', 2, 3) || tupleOf(r, 'stop', 3, 4)
    ? undefined
    : "['reply', Reply, State], ['noreply', State] or ['stop', Reason, State]";
const expectNoreply = (r: unknown): string | undefined =>
  tupleOf(r, 'noreply', 2, 3) || tupleOf(r, 'stop', 3)
    ? undefined
    : "['noreply', State] or ['stop', Reason, State]";

const isGenerator = (x: unknown): x is Eff<unknown> =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as { next?: unknown }).next === 'function' &&
  Symbol.iterator in x;

function show(r: unknown): string {
  if (r === undefined) return 'undefined';
  try {
    const s = formatTerm(r as Term);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return typeof r;
  }
}

/** An error thrown in a callback, renamed to say where; exits and runtime bugs pass through untouched. */
function annotate(e: unknown, name: string, key: Callback): unknown {
  if (e instanceof ProcessExit || e instanceof ErlangError || e instanceof InvariantError) return e;
  const line = stackLine(e);
  const err = new Error(
    `${name}.${key}: ${describeError(e)}${line === undefined ? '' : ` (line ${line})`}`,
  );
  err.name = e instanceof Error ? e.name : 'Error';
  return err;
}

/** The user's line an exception was thrown at, from the stack (V8 and Firefox shapes). */
function stackLine(e: unknown): number | undefined {
  const stack = e instanceof Error ? e.stack : undefined;
  const m = stack === undefined ? null : /(?:<anonymous>|> Function):(\d+):\d+/.exec(stack);
  if (m === null) return undefined;
  const line = Number(m[1]) - STACK_LINE_OFFSET;
  return line >= 1 ? line : undefined;
}

/**
 * V8 does not say where a syntax error in `new Function` is. Firefox does
 * (`lineNumber`); elsewhere, compile ever longer prefixes of the source: the
 * first prefix that fails with the same message (rather than "unexpected end
 * of input") ends at the culprit line.
 */
function syntaxErrorLine(source: string, error: unknown): number | undefined {
  if (!(error instanceof SyntaxError)) return undefined;
  const ff = (error as { lineNumber?: unknown }).lineNumber;
  if (typeof ff === 'number') return Math.max(1, ff - STACK_LINE_OFFSET);
  const lines = source.split('\n');
  if (/end of input|unexpected end/i.test(error.message)) return lines.length;
  for (let k = 1; k <= lines.length; k++) {
    try {
      new Function('otp', HEAD + lines.slice(0, k).join('\n'));
    } catch (e) {
      if (e instanceof SyntaxError && e.message === error.message) return k;
    }
  }
  return undefined;
}

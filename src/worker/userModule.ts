import type { Ctx, Term } from '../runtime';
import type { AnyGenServer } from './library';
import { behaviours } from './library';
import type { UserModule } from './protocol';
import { facadeOf, makeOtp } from './sandbox/facade';
import type { ModuleEnv, ModuleHooks } from './sandbox/guard';
import { callUser, driveGenerator, isGenerator, isMs, lineOf, showTerm } from './sandbox/guard';
import { Budget, CALLBACK_REDUCTIONS, METER, metered, meterFor } from './sandbox/meter';
import type { Sandbox } from './sandbox/registry';
import { getSandbox } from './sandbox/registry';
import { copyIn, copyOut, describeThrown } from './sandbox/safeTerm';

/**
 * Compiles a person's GenServer source, contained. The source is a
 * JavaScript expression evaluating to an object with OTP's callbacks
 * returning OTP's tuples as arrays (see src/worker/CONTEXT.md).
 *
 * Containment (src/worker/sandbox): the source is parsed and instrumented
 * (every loop iteration and function entry is counted), then evaluated in its
 * own SES Compartment of a locked-down realm, whose only globals are frozen
 * intrinsics plus `otp`. A callback gets a `ctx` facade that acts only as its
 * own process. Everything it returns, sends or throws is copied into safe
 * terms. A syntax error names the module and line; an exception, a
 * malformed return or a callback over its reduction budget ends only that
 * process (`{error, "TypeError: mod.handleCall: … (line N)"}`,
 * `{reductions_exceeded, 10000000}`).
 */

export type CompileResult =
  { ok: true; module: AnyGenServer } | { ok: false; error: string; line: number | undefined };

export type { ModuleHooks } from './sandbox/guard';

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

/** `otp`, one frozen object per sandbox. */
const otps = new WeakMap<Sandbox, object>();

export function compileUserModule(mod: UserModule, hooks: ModuleHooks = {}): CompileResult {
  const fail = (what: string, line?: number): CompileResult => ({
    ok: false,
    error: `module ${mod.name}: ${what}${line === undefined ? '' : ` (line ${line})`}`,
    line,
  });
  if (typeof mod.name !== 'string' || !ATOM.test(mod.name))
    return fail('the name must be an atom such as my_server');
  if (typeof mod.source !== 'string') return fail('the source must be text');
  const sb = getSandbox();
  if (sb === undefined)
    return fail(
      'modules run only inside a node worker, where they are contained (no sandbox here; a test imports src/worker/sandbox/install first)',
    );

  const instrumented = sb.instrument(mod.source);
  if (!instrumented.ok) return fail(instrumented.error, instrumented.line);
  const env: ModuleEnv = { name: mod.name, sourceUrl: `otp-module:${mod.name}`, sb, hooks };
  // One line before the person's line 1 (LINE_OFFSET): stack lines map back by subtraction.
  const code = `((${METER}, otp) => (\n${instrumented.code}\n))`;
  let otp = otps.get(sb);
  if (otp === undefined) otps.set(sb, (otp = makeOtp(sb)));

  // The top level runs metered too: an endless loop there is a compile error, not a hung node.
  const budget = new Budget(null);
  let src: Record<string, unknown> | string;
  try {
    src = metered(budget, () => {
      const factory = sb.evaluate(code, env.sourceUrl) as (m: () => void, o: object) => unknown;
      return callbacksOf(factory(meterFor(mod.name), otp));
    });
  } catch (e) {
    if (budget.tripped !== undefined)
      return fail(
        `evaluating the module used more than ${CALLBACK_REDUCTIONS.toLocaleString('en')} reductions (an endless loop at its top level?)`,
      );
    const line = lineOf(e, env.sourceUrl);
    return fail(`evaluating the module threw ${describeThrown(e)}`, line);
  }
  if (typeof src === 'string') return fail(src);
  return { ok: true, module: wrapModule(env, src) };
}

/**
 * The callbacks of the object a module evaluated to, read as data (a getter
 * is refused, not run), or what is wrong with it.
 */
function callbacksOf(obj: unknown): Record<string, unknown> | string {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
    return 'the source must evaluate to an object such as ({ init(args, ctx) { … } })';
  for (const key of Object.keys(obj)) {
    const d = Object.getOwnPropertyDescriptor(obj, key);
    if (
      !(CALLBACKS as readonly string[]).includes(key) &&
      d !== undefined &&
      typeof d.value === 'function' &&
      /^(init|handle|terminate|describe)/i.test(key)
    )
      return `unknown callback '${key}' (expected ${CALLBACKS.join(', ')})`;
  }
  const out: Record<string, unknown> = {};
  for (const key of CALLBACKS) {
    const d = findProperty(obj, key);
    if (d === undefined) continue;
    if (!('value' in d) || typeof d.value !== 'function') return `${key} must be a function`;
    out[key] = d.value;
  }
  if (out.init === undefined) return 'init(args, ctx) is missing';
  return out;
}

/** A property on the object or a prototype below Object.prototype (a class instance's methods). */
function findProperty(obj: object, key: string): PropertyDescriptor | undefined {
  for (let p: object | null = obj, i = 0; p !== null && p !== Object.prototype && i < 16; i++) {
    const d = Object.getOwnPropertyDescriptor(p, key);
    if (d !== undefined) return d;
    p = Object.getPrototypeOf(p) as object | null;
  }
  return undefined;
}

/**
 * Compiles a workspace's modules for one node, lazily: a module compiles
 * (and its top level runs) the first time the node needs it, so a node
 * that does not use a module never runs its code. A broken module still
 * exists: its processes fail to start with `{compile_error, Message}`, and
 * `report` says why once, so the error shows on the process that needed
 * it, never the page.
 */
export function compileModules(
  modules: readonly UserModule[],
  report: (message: string) => void,
  hooks: ModuleHooks = {},
): ReadonlyMap<string, AnyGenServer> {
  return new LazyModules(modules, report, hooks);
}

class LazyModules extends Map<string, AnyGenServer> {
  private readonly sources = new Map<string, UserModule>();
  private readonly refused = new Set<string>();

  constructor(
    modules: readonly UserModule[],
    private readonly report: (message: string) => void,
    private readonly hooks: ModuleHooks,
  ) {
    super();
    for (const m of modules) this.sources.set(m.name, m);
  }

  override has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  override get(name: string): AnyGenServer | undefined {
    const done = super.get(name);
    if (done !== undefined) return done;
    const m = this.sources.get(name);
    if (m === undefined || this.refused.has(name)) return undefined;
    if (Object.hasOwn(behaviours, name)) {
      this.refused.add(name);
      this.report(`module ${name}: the name is taken by a library behaviour`);
      return undefined;
    }
    const r = compileUserModule(m, this.hooks);
    if (!r.ok) this.report(r.error);
    const mod: AnyGenServer = r.ok
      ? r.module
      : { name, init: () => ['stop', ['compile_error', r.error]] };
    super.set(name, mod);
    return mod;
  }
}

type Fn = (...args: unknown[]) => unknown;

/** Builds the runtime module around the person's callbacks: every call contained (see guard.ts). */
function wrapModule(env: ModuleEnv, src: Record<string, unknown>): AnyGenServer {
  const fn = (key: Callback): Fn | undefined => src[key] as Fn | undefined;
  const { name } = env;
  /** Calls callback `key` as process `ctx`; its answer goes through `check`, now or when its generator ends. */
  const invoke = (key: Callback, ctx: Ctx, args: unknown[], check: (r: unknown) => unknown) =>
    callUser(ctx, env, key, () => {
      const r = Reflect.apply(fn(key) as Fn, src, [...args, facadeOf(ctx, env)]);
      if (isGenerator(r)) return driveGenerator(r, ctx, env, key, check);
      return check(r);
    });
  const when = <T>(key: Callback, f: T): T | undefined => (fn(key) === undefined ? undefined : f);
  const describe = fn('describe');
  const module = {
    name,
    init: (args: Term, ctx: Ctx) =>
      invoke('init', ctx, [copyIn(args)], (r) => checked(name, 'init', r, initResult)),
    handleCall: when('handleCall', (req: Term, from: Term, state: unknown, ctx: Ctx) =>
      invoke('handleCall', ctx, [copyIn(req), copyIn(from), state], (r) =>
        checked(name, 'handleCall', r, callResult),
      ),
    ),
    handleCast: when('handleCast', (msg: Term, state: unknown, ctx: Ctx) =>
      invoke('handleCast', ctx, [copyIn(msg), state], (r) =>
        checked(name, 'handleCast', r, noreplyResult),
      ),
    ),
    handleInfo: when('handleInfo', (msg: Term, state: unknown, ctx: Ctx) =>
      invoke('handleInfo', ctx, [copyIn(msg), state], (r) =>
        checked(name, 'handleInfo', r, noreplyResult),
      ),
    ),
    terminate: when('terminate', (reason: Term, state: unknown, ctx: Ctx) =>
      invoke('terminate', ctx, [copyIn(reason), state], () => undefined),
    ),
    // describe runs in the host (the inspector, state snapshots), not in a process turn: it must
    // never throw out, and what it shows is a copy, never the live state.
    describe: (state: unknown, now: number): Term => {
      try {
        return callUser(null, env, 'describe', () =>
          copyOut(describe === undefined ? state : Reflect.apply(describe, src, [state, now])),
        );
      } catch (e) {
        return { describe_error: describeFailure(e) };
      }
    },
  };
  for (const k of Object.keys(module) as (keyof typeof module)[])
    if (module[k] === undefined) delete module[k];
  return module as unknown as AnyGenServer;
}

/** Why describe failed, in words: a spent budget, or what it threw. */
function describeFailure(e: unknown): string {
  const reason = (e as { reason?: unknown }).reason;
  if (Array.isArray(reason) && typeof reason[0] === 'string' && reason[0].endsWith('_exceeded'))
    return reason[0];
  return describeThrown(e);
}

// ---- answers ---------------------------------------------------------------------

/** A callback's answer as a fresh tuple the runtime can use, or a malformed-answer error. */
function checked(
  name: string,
  key: Callback,
  r: unknown,
  accept: (t: readonly unknown[] | string) => unknown,
): unknown {
  const t = tupleOf(r);
  const ok = t === undefined ? undefined : accept(t);
  if (ok === undefined)
    throw new Error(`${name}.${key} returned ${showTerm(r)}; expected ${EXPECTED[key]}`);
  return ok;
}

const EXPECTED: Record<Callback, string> = {
  init: "['ok', State], 'ignore' or ['stop', Reason]",
  handleCall: "['reply', Reply, State], ['noreply', State] or ['stop', Reason, State]",
  handleCast: "['noreply', State] or ['stop', Reason, State]",
  handleInfo: "['noreply', State] or ['stop', Reason, State]",
  terminate: 'anything',
  describe: 'a term',
};

/** A returned array read as data (no getters run), or an atom; undefined for anything else. */
function tupleOf(r: unknown): readonly unknown[] | string | undefined {
  if (typeof r === 'string') return r;
  if (!Array.isArray(r)) return undefined;
  const len = Object.getOwnPropertyDescriptor(r, 'length')?.value as number;
  if (len > 4) return undefined;
  const out: unknown[] = [];
  for (let i = 0; i < len; i++) {
    const d = Object.getOwnPropertyDescriptor(r, i);
    if (d !== undefined && !('value' in d)) return undefined;
    out.push(d?.value);
  }
  return out;
}

/** `{noreply, S, Timeout}`'s timeout: ms, or `'infinity'` (no timeout). */
const timeout = (t: unknown): number | null | undefined =>
  t === 'infinity' ? null : isMs(t) ? t : undefined;

/** `head` (`[tag, …, State]`), plus the original's timeout if it had one (checked; `'infinity'` is none). */
function withTimeout(head: unknown[], original: readonly unknown[]): unknown {
  if (original.length === head.length) return head;
  const ms = timeout(original[head.length]);
  if (ms === undefined) return undefined;
  return ms === null ? head : [...head, ms];
}

function initResult(t: readonly unknown[] | string): unknown {
  if (t === 'ignore') return t;
  if (typeof t === 'string') return undefined;
  if (t[0] === 'ok' && (t.length === 2 || t.length === 3)) return withTimeout(['ok', t[1]], t);
  if (t[0] === 'stop' && t.length === 2) return ['stop', copyOut(t[1])];
  return undefined;
}

function callResult(t: readonly unknown[] | string): unknown {
  if (typeof t === 'string') return undefined;
  if (t[0] === 'reply' && (t.length === 3 || t.length === 4))
    return withTimeout(['reply', copyOut(t[1]), t[2]], t);
  if (t[0] === 'noreply' && (t.length === 2 || t.length === 3))
    return withTimeout(['noreply', t[1]], t);
  if (t[0] === 'stop' && t.length === 4) return ['stop', copyOut(t[1]), copyOut(t[2]), t[3]];
  if (t[0] === 'stop' && t.length === 3) return ['stop', copyOut(t[1]), t[2]];
  return undefined;
}

function noreplyResult(t: readonly unknown[] | string): unknown {
  if (typeof t === 'string') return undefined;
  if (t[0] === 'noreply' && (t.length === 2 || t.length === 3))
    return withTimeout(['noreply', t[1]], t);
  if (t[0] === 'stop' && t.length === 3) return ['stop', copyOut(t[1]), t[2]];
  return undefined;
}

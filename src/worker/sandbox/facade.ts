import type { Ctx, Pid, Ref, Term, TimerRef } from '../../runtime';
import {
  ErlangError,
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
} from '../../runtime';
import type { From } from '../../runtime';
import type { ModuleEnv } from './guard';
import { callUser, isMs, matcher, runtimeGenerator } from './guard';
import { activeBudget } from './meter';
import { copyIn, copyOut, expose, isKnownPid, isKnownRef } from './safeTerm';

/** Throws unless `inner`'s process is the one running module code now. */
function assertRunning(inner: Ctx, what: string): void {
  if (activeBudget()?.owner !== inner)
    throw new TypeError(
      `${what}: this ctx belongs to ${String(inner.self)}, which is not the process running now`,
    );
}

const badarg = (): never => {
  throw new ErlangError('badarg');
};

/** A destination a module may send to: a pid it was given, or a registered name. */
function dest(to: unknown): Pid | string {
  if (typeof to === 'string') return to;
  if (isKnownPid(to)) return to;
  return badarg();
}

const knownPid = (p: unknown): Pid => (isKnownPid(p) ? p : badarg());

/**
 * The `ctx` a module's callbacks get: a frozen object whose only reach is its
 * own process's runtime Ctx, held in a private field (no property, getter or
 * reflection reaches it). It can act only as that process, and only while
 * that process is running one of its callbacks (a ctx kept in a module-level
 * variable and used by another process throws). It exposes no node, no
 * process table, no other process: other processes are pids, and pids are
 * data. Terms going out are copied (copyOut), terms coming in are copies
 * (copyIn). A pid a module made up is `badarg`. The methods live on one frozen
 * prototype (a process costs one small object, not two dozen closures), so
 * they are called as `ctx.send(…)`, not detached.
 */
/** The runtime Ctx behind `ctx`, if its process is the one running module code now. */
let innerOfCtx: (ctx: unknown, what: string) => Ctx;

export class CtxFacade {
  readonly #inner: Ctx;
  readonly #env: ModuleEnv;
  /** Timers this process started, by the ref it was given for each (made on first use). */
  #timers: WeakMap<Ref, TimerRef> | null = null;
  readonly self: Pid;
  readonly parent: Pid | undefined;

  constructor(token: unknown, inner: Ctx, env: ModuleEnv) {
    // Module code can reach this class through `ctx`'s prototype; it cannot make one.
    if (token !== TOKEN) throw new TypeError('a ctx is given to a callback, not made');
    this.#inner = inner;
    this.#env = env;
    this.self = expose(inner.self);
    this.parent = inner.parent === undefined ? undefined : expose(inner.parent);
    Object.freeze(this);
  }

  static {
    // Not a static method: module code reaches this class (ctx's prototype's constructor).
    innerOfCtx = (ctx, what) => {
      if (typeof ctx !== 'object' || ctx === null || !(#inner in ctx))
        throw new TypeError(
          `${what}: call it on the callback's ctx, as ctx.${what.replace(/^.*\./, '')}(…)`,
        );
      const inner = (ctx as CtxFacade).#inner;
      assertRunning(inner, what);
      return inner;
    };
  }

  /** Node time in ms (Date.now() does not exist in a module). */
  now(): number {
    return own(this, 'now').now();
  }
  /** The node's seeded random number in [0, 1) (Math.random() does not exist in a module). */
  random(): number {
    return own(this, 'random').random();
  }
  send(to: unknown, msg: unknown): void {
    own(this, 'send').send(dest(to), copyOut(msg));
  }
  /** `erlang:send_after/3`: returns a ref for cancelTimer. */
  sendAfter(ms: unknown, to: unknown, msg: unknown): Ref {
    const p = own(this, 'sendAfter');
    if (!isMs(ms)) return badarg();
    const t = p.sendAfter(ms, dest(to), copyOut(msg));
    const ref = expose(p.makeRef());
    (this.#timers ??= new WeakMap()).set(ref, t);
    return ref;
  }
  cancelTimer(ref: unknown): number | false {
    const p = own(this, 'cancelTimer');
    const t = typeof ref === 'object' && ref !== null ? this.#timers?.get(ref as Ref) : undefined;
    return t === undefined ? false : p.cancelTimer(t);
  }
  link(pid: unknown): void {
    own(this, 'link').link(knownPid(pid));
  }
  unlink(pid: unknown): void {
    own(this, 'unlink').unlink(knownPid(pid));
  }
  monitor(target: unknown): Ref {
    const p = own(this, 'monitor');
    return expose(p.monitor(typeof target === 'string' ? target : knownPid(target)));
  }
  demonitor(ref: unknown, flush?: unknown): boolean {
    return own(this, 'demonitor').demonitor(isKnownRef(ref) ? ref : badarg(), flush === true);
  }
  /** `exit(Reason)`: ends this process. */
  exit(reason: unknown): never {
    return own(this, 'exit').exit(copyOut(reason));
  }
  /** `exit(Pid, Reason)`: sends an exit signal. */
  exitSignal(pid: unknown, reason: unknown): void {
    own(this, 'exitSignal').exitSignal(knownPid(pid), copyOut(reason));
  }
  trapExit(on: unknown): boolean {
    return own(this, 'trapExit').trapExit(on === true);
  }
  isTrappingExits(): boolean {
    return own(this, 'isTrappingExits').isTrappingExits();
  }
  register(name: unknown): void {
    own(this, 'register').register(typeof name === 'string' ? name : badarg());
  }
  unregister(): void {
    own(this, 'unregister').unregister();
  }
  whereis(name: unknown): Pid | undefined {
    const pid = own(this, 'whereis').whereis(typeof name === 'string' ? name : badarg());
    return pid === undefined ? undefined : expose(pid);
  }
  isAlive(pid: unknown): boolean {
    return own(this, 'isAlive').isAlive(knownPid(pid));
  }
  makeRef(): Ref {
    return expose(own(this, 'makeRef').makeRef());
  }
  /** A process running `body(ctx)` (it ends when the body returns, unless it calls ctx.receive). */
  spawn(body: unknown, opts?: unknown): Pid {
    return this.#spawn(body, opts, false);
  }
  spawnLink(body: unknown, opts?: unknown): Pid {
    return this.#spawn(body, opts, true);
  }
  #spawn(body: unknown, opts: unknown, link: boolean): Pid {
    const p = own(this, link ? 'spawnLink' : 'spawn');
    if (typeof body !== 'function') return badarg();
    const trapExit =
      typeof opts === 'object' && opts !== null && optionOf(opts, 'trapExit') === true;
    const env = this.#env;
    const run = body as (ctx: CtxFacade) => unknown;
    const child = (c: Ctx): void => {
      callUser(c, env, 'spawned process', () => void run(facadeOf(c, env)));
    };
    return expose(link ? p.spawnLink(child, { trapExit }) : p.spawn(child, { trapExit }));
  }
  /**
   * For a spawned process: installs its receive loop (`handler(msg)` per
   * message; `{ match, after, onTimeout }` as the runtime's receive). A
   * gen_server's callbacks use `yield* otp.receive(…)` instead.
   */
  receive(handler: unknown, opts?: unknown): void {
    const p = own(this, 'receive');
    if (typeof handler !== 'function') return badarg();
    const env = this.#env;
    const h = handler as (msg: Term) => unknown;
    const o = typeof opts === 'object' && opts !== null ? opts : {};
    const match = optionOf(o, 'match');
    const after = optionOf(o, 'after');
    const onTimeout = optionOf(o, 'onTimeout');
    if (match !== undefined && typeof match !== 'function') return badarg();
    if (after !== undefined && !isMs(after)) return badarg();
    if (onTimeout !== undefined && typeof onTimeout !== 'function') return badarg();
    p.receive((msg) => callUser(p, env, 'receive', () => void h(copyIn(msg))), {
      match: match === undefined ? undefined : matcher(match as (m: unknown) => unknown, p, env),
      after: after as number | undefined,
      onTimeout:
        onTimeout === undefined
          ? undefined
          : () => callUser(p, env, 'receive timeout', () => void (onTimeout as () => unknown)()),
    });
  }
}

const TOKEN = Symbol('ctx');

/** `this`'s process, for a method: it must be a ctx, and its process the one running now. */
const own = (ctx: unknown, what: string): Ctx => innerOfCtx(ctx, `ctx.${what}`);

// Shared by every module and process: frozen, methods and all.
for (const key of Reflect.ownKeys(CtxFacade.prototype)) {
  const d = Object.getOwnPropertyDescriptor(CtxFacade.prototype, key);
  if (typeof d?.value === 'function') Object.freeze(d.value);
}
Object.freeze(CtxFacade.prototype);
Object.freeze(CtxFacade);

const facades = new WeakMap<Ctx, CtxFacade>();

/** The facade for `inner`, made once per process. */
export function facadeOf(inner: Ctx, env: ModuleEnv): CtxFacade {
  let f = facades.get(inner);
  if (f === undefined) {
    f = new CtxFacade(TOKEN, inner, env);
    facades.set(inner, f);
  }
  return f;
}

/** The runtime Ctx behind a facade passed to an otp helper. */
const innerOf = (ctx: unknown, what: string): Ctx => innerOfCtx(ctx, what);

/** An option read from an options object without running a getter. */
function optionOf(o: object, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(o, key);
  return d !== undefined && 'value' in d ? d.value : undefined;
}

/** `gen_server:call/3`'s timeout: ms or `'infinity'`. */
const timeoutOf = (t: unknown): number | 'infinity' =>
  t === 'infinity' ? t : isMs(t) ? t : badarg();

const MAX_LOG = 1000;

/** The helpers a module sees as `otp` (one frozen object per sandbox). */
export function makeOtp(sb: ModuleEnv['sb']): object {
  return sb.harden({
    /** `gen_server:call(Server, Request, Timeout)`: `const r = yield* otp.call(ctx, server, req)`. */
    call: (ctx: unknown, server: unknown, request: unknown, timeout: unknown = 5000) => {
      const inner = innerOf(ctx, 'otp.call');
      const to = dest(server);
      return runtimeGenerator(call(inner, to, copyOut(request), timeoutOf(timeout)), () =>
        assertRunning(inner, 'otp.call'),
      );
    },
    /** `gen_server:cast(Server, Msg)`. */
    cast: (ctx: unknown, server: unknown, msg: unknown): void =>
      cast(innerOf(ctx, 'otp.cast'), dest(server), copyOut(msg)),
    /** `gen_server:reply(From, Reply)` for a handleCall that returned `['noreply', …]`. */
    reply: (ctx: unknown, from: unknown, value: unknown): void => {
      const inner = innerOf(ctx, 'otp.reply');
      const f = copyOut(from);
      if (!isTuple(f) || f.length !== 2 || !isKnownPid(f[0])) return badarg();
      reply(inner, f as unknown as From, copyOut(value));
    },
    /** `timer:sleep(Ms)`: `yield* otp.sleep(500)`. */
    sleep: (ms: unknown) => {
      const owner = activeBudget()?.owner as Ctx | null | undefined;
      if (owner === null || owner === undefined)
        throw new TypeError('otp.sleep: only inside a callback');
      return runtimeGenerator(sleep(isMs(ms) ? ms : badarg()), () =>
        assertRunning(owner, 'otp.sleep'),
      );
    },
    /** `receive M when match(M) -> M after Ms -> otp.TIMEOUT end`: `yield* otp.receive(m => …, 1000)`. */
    receive: (match: unknown, after?: unknown) => {
      if (typeof match !== 'function') return badarg();
      if (after !== undefined && !isMs(after)) return badarg();
      // The driver wraps `match` for the process that yields this (guard.ts effectOf).
      return receiveWhere(match as (m: Term) => boolean, after as number | undefined);
    },
    TIMEOUT,
    /** A term as Erlang prints it (`{ok,1}`). */
    format: (t: unknown): string => formatTerm(copyOut(t)),
    isPid: (x: unknown): boolean => isPid(x),
    isRef: (x: unknown): boolean => isRef(x),
    isTuple: (x: unknown): boolean => isTuple(x),
    /** A line in the event log from this process. */
    log: (ctx: unknown, text: unknown): void => {
      const inner = innerOf(ctx, 'otp.log');
      const s = typeof text === 'string' ? text : formatTerm(copyOut(text));
      inner.trace({
        type: 'log',
        pid: inner.self,
        text: s.length > MAX_LOG ? `${s.slice(0, MAX_LOG - 1)}…` : s,
      });
    },
  });
}

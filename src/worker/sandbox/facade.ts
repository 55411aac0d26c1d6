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

/**
 * The `ctx` a module's callbacks get: a frozen object of closures over its
 * own process's runtime Ctx, and nothing else. It can act only as that
 * process, and only while that process is running one of its callbacks
 * (a ctx kept in a module-level variable and used by another process throws).
 * It exposes no node, no process table, no other process: other processes
 * are pids, and pids are data. Terms going out are copied (copyOut), terms
 * coming in are copies (copyIn). A pid a module made up is `badarg`.
 */
export interface CtxFacade {
  readonly self: Pid;
  readonly parent: Pid | undefined;
}

const inners = new WeakMap<object, Ctx>();
const facades = new WeakMap<Ctx, CtxFacade>();

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

/** The facade for `inner`, made once per process. */
export function facadeOf(inner: Ctx, env: ModuleEnv): CtxFacade {
  let f = facades.get(inner);
  if (f === undefined) {
    f = makeFacade(inner, env);
    facades.set(inner, f);
    inners.set(f, inner);
  }
  return f;
}

/** The runtime Ctx behind a facade the running process may use. */
function innerOf(ctx: unknown, what: string): Ctx {
  const inner = typeof ctx === 'object' && ctx !== null ? inners.get(ctx) : undefined;
  if (inner === undefined)
    throw new TypeError(`${what}: the first argument must be the callback's ctx`);
  assertRunning(inner, what);
  return inner;
}

function makeFacade(inner: Ctx, env: ModuleEnv): CtxFacade {
  const own = (what: string): Ctx => {
    assertRunning(inner, `ctx.${what}`);
    return inner;
  };
  /** Timers this process started, by the ref it was given for each. */
  const timers = new WeakMap<Ref, TimerRef>();
  const spawn = (body: unknown, opts: unknown, link: boolean): Pid => {
    const p = own(link ? 'spawnLink' : 'spawn');
    if (typeof body !== 'function') return badarg();
    const trapExit =
      typeof opts === 'object' && opts !== null && optionOf(opts, 'trapExit') === true;
    const run = body as (ctx: CtxFacade) => unknown;
    const child = (c: Ctx): void => {
      callUser(c, env, 'spawned process', () => void run(facadeOf(c, env)));
    };
    return expose(link ? p.spawnLink(child, { trapExit }) : p.spawn(child, { trapExit }));
  };
  const facade = {
    self: expose(inner.self),
    parent: inner.parent === undefined ? undefined : expose(inner.parent),
    /** Node time in ms (Date.now() does not exist in a module). */
    now: (): number => own('now').now(),
    /** The node's seeded random number in [0, 1) (Math.random() does not exist in a module). */
    random: (): number => own('random').random(),
    send: (to: unknown, msg: unknown): void => own('send').send(dest(to), copyOut(msg)),
    sendAfter: (ms: unknown, to: unknown, msg: unknown): Ref => {
      const p = own('sendAfter');
      if (!isMs(ms)) return badarg();
      const t = p.sendAfter(ms, dest(to), copyOut(msg));
      const ref = expose(p.makeRef());
      timers.set(ref, t);
      return ref;
    },
    cancelTimer: (ref: unknown): number | false => {
      const p = own('cancelTimer');
      const t = typeof ref === 'object' && ref !== null ? timers.get(ref as Ref) : undefined;
      return t === undefined ? false : p.cancelTimer(t);
    },
    link: (pid: unknown): void => own('link').link(knownPid(pid)),
    unlink: (pid: unknown): void => own('unlink').unlink(knownPid(pid)),
    monitor: (target: unknown): Ref =>
      expose(own('monitor').monitor(typeof target === 'string' ? target : knownPid(target))),
    demonitor: (ref: unknown, flush?: unknown): boolean =>
      own('demonitor').demonitor(isKnownRef(ref) ? ref : badarg(), flush === true),
    /** `exit(Reason)`: ends this process. */
    exit: (reason: unknown): never => own('exit').exit(copyOut(reason)),
    /** `exit(Pid, Reason)`: sends an exit signal. */
    exitSignal: (pid: unknown, reason: unknown): void =>
      own('exitSignal').exitSignal(knownPid(pid), copyOut(reason)),
    trapExit: (on: unknown): boolean => own('trapExit').trapExit(on === true),
    isTrappingExits: (): boolean => own('isTrappingExits').isTrappingExits(),
    register: (name: unknown): void =>
      own('register').register(typeof name === 'string' ? name : badarg()),
    unregister: (): void => own('unregister').unregister(),
    whereis: (name: unknown): Pid | undefined => {
      const pid = own('whereis').whereis(typeof name === 'string' ? name : badarg());
      return pid === undefined ? undefined : expose(pid);
    },
    isAlive: (pid: unknown): boolean => own('isAlive').isAlive(knownPid(pid)),
    makeRef: (): Ref => expose(own('makeRef').makeRef()),
    spawn: (body: unknown, opts?: unknown): Pid => spawn(body, opts, false),
    spawnLink: (body: unknown, opts?: unknown): Pid => spawn(body, opts, true),
    /**
     * For a spawned process: installs its receive loop (`handler(msg)` per
     * message; `{ match, after, onTimeout }` as the runtime's receive). A
     * gen_server's callbacks use `yield* otp.receive(…)` instead.
     */
    receive: (handler: unknown, opts?: unknown): void => {
      const p = own('receive');
      if (typeof handler !== 'function') return badarg();
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
    },
  };
  return env.sb.harden(facade);
}

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

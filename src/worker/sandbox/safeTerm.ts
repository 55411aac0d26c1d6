import type { Term } from '../../runtime';
import * as runtime from '../../runtime';
import { ErlRecord, Pid, Ref, formatTerm } from '../../runtime';

/**
 * Values crossing between a person's module and the runtime, copied so that
 * neither side can reach into the other:
 *
 * - {@link copyOut} (module → runtime: messages, replies, exit reasons, what
 *   `describe` returns) makes a fresh, frozen term. It never calls the
 *   module's code on purpose: getters are not run (`'#Getter'`), functions,
 *   symbols, WeakMaps, class instances and other values that are not terms
 *   become printable stand-ins (`'#Fun<f>'`, `'#WeakMap'`), cycles and absurd
 *   sizes (100,000 terms, depth 64, a string of 100,000 characters) are cut. Only a Proxy's traps can still run, and they are metered
 *   like any other module code. So nothing a module hands over can throw,
 *   loop, or fail structured clone later, in the host or in postMessage.
 * - {@link copyIn} (runtime → module: messages, args, reasons) makes a fresh
 *   frozen copy, so a module cannot change another process's data through a
 *   message it was sent. Pids and refs keep their identity (`===` matters to
 *   the runtime) and are frozen.
 *
 * Pids and refs a module may use are the ones it was given; one it built
 * itself (`Object.create(Object.getPrototypeOf(ctx.self))`) is not a pid.
 */

const MAX_NODES = 100_000;
/** A longer string a module hands over is cut (`'…'`): it would be copied to the page in a trace event. */
const MAX_STRING = 100_000;
const MAX_DEPTH = 64;

/** Pids and refs handed to module code: the only ones it may pass back. */
const known = new WeakSet<object>();

const { getPrototypeOf, getOwnPropertyDescriptor, freeze, isFrozen } = Object;

/** The runtime's term classes besides Pid and Ref, copied field by field (ErlList, Binary when the runtime has them). */
const TERM_PROTOS: ReadonlySet<object> = new Set(
  ['ErlRecord', 'ErlList', 'Binary'].flatMap((name) => {
    const cls = (runtime as unknown as Record<string, unknown>)[name];
    return typeof cls === 'function' ? [cls.prototype as object] : [];
  }),
);

/** A pid or ref given to module code: frozen (the runtime never changes one) and remembered. */
export function expose<T extends Pid | Ref>(p: T): T {
  if (!isFrozen(p)) freeze(p);
  known.add(p);
  return p;
}

/** True if `x` is a pid the module was given (not one it made up). */
export const isKnownPid = (x: unknown): x is Pid =>
  typeof x === 'object' && x !== null && known.has(x) && x instanceof Pid;
export const isKnownRef = (x: unknown): x is Ref =>
  typeof x === 'object' && x !== null && known.has(x) && x instanceof Ref;

interface Walk {
  nodes: number;
  /** Objects on the path from the root: a cycle points back at one of them. */
  path: Set<object>;
}

/** A term from module code, made safe: fresh, frozen, every leaf a term or a printable stand-in. */
export function copyOut(value: unknown): Term {
  return out(value, { nodes: 0, path: new Set() }, 0);
}

/** A term from the runtime, copied for module code (pids and refs shared, frozen). */
export function copyIn(value: unknown): Term {
  return copyInner(value, { nodes: 0, path: new Set() }, 0);
}

function out(v: unknown, w: Walk, depth: number): Term {
  switch (typeof v) {
    case 'string':
      return v.length > MAX_STRING ? `${v.slice(0, MAX_STRING)}…` : v;
    case 'number':
    case 'boolean':
    case 'undefined':
      return v;
    case 'bigint':
      return Number.isSafeInteger(Number(v)) ? Number(v) : `#BigInt<${String(v)}>`;
    case 'symbol':
      return `#Symbol<${v.description ?? ''}>`;
    case 'function':
      return `#Fun<${functionName(v)}>`;
    case 'object':
      break;
  }
  if (v === null) return null as unknown as Term;
  const o = v as object;
  if (++w.nodes > MAX_NODES || depth > MAX_DEPTH) return '#…';
  if (w.path.has(o)) return '#cycle';
  try {
    if (known.has(o)) return o as Term;
    const proto = getPrototypeOf(o);
    if (proto === Pid.prototype) return '#Pid<forged>';
    if (proto === Ref.prototype) return '#Ref<forged>';
    w.path.add(o);
    try {
      if (Array.isArray(o)) return freeze(arrayOf(o, w, depth, out));
      if (proto === Object.prototype || proto === null) return freeze(mapOf(o, w, depth, out));
      if (TERM_PROTOS.has(proto)) return freeze(fieldsOf(o, proto, w, depth, out)) as Term;
      return standIn(o, proto);
    } finally {
      w.path.delete(o);
    }
  } catch {
    // A revoked Proxy, a trap that threw, a budget that ran out (the callback ends anyway).
    return '#unreadable';
  }
}

function copyInner(v: unknown, w: Walk, depth: number): Term {
  switch (typeof v) {
    case 'function':
      // A host function in a message (a start fun) is not handed to module code.
      return `#Fun<${functionName(v)}>`;
    case 'object':
      break;
    case 'string':
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'symbol':
    case 'undefined':
      return v as Term;
  }
  if (v === null) return null as unknown as Term;
  if (v instanceof Pid || v instanceof Ref) return expose(v);
  if (++w.nodes > MAX_NODES || depth > MAX_DEPTH) return '#…';
  if (w.path.has(v)) return '#cycle';
  w.path.add(v);
  try {
    if (Array.isArray(v)) return freeze(arrayOf(v, w, depth, copyInner));
    const proto = getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) return freeze(mapOf(v, w, depth, copyInner));
    if (TERM_PROTOS.has(proto)) return freeze(fieldsOf(v, proto, w, depth, copyInner)) as Term;
    return standIn(v, proto);
  } finally {
    w.path.delete(v);
  }
}

type Step = (v: unknown, w: Walk, depth: number) => Term;

/** An own data property's value; an accessor is not run. */
function dataOf(o: object, key: string): { value: unknown } | undefined {
  const d = getOwnPropertyDescriptor(o, key);
  if (d === undefined) return undefined;
  return 'value' in d ? { value: d.value } : { value: '#Getter' };
}

function arrayOf(a: object, w: Walk, depth: number, step: Step): Term[] {
  const len = dataOf(a, 'length')?.value;
  const n = typeof len === 'number' ? Math.min(len, MAX_NODES) : 0;
  const r: Term[] = [];
  for (let i = 0; i < n; i++) {
    if (w.nodes > MAX_NODES) {
      r.push('#…');
      break;
    }
    r.push(step(dataOf(a, String(i))?.value, w, depth + 1));
  }
  return r;
}

function mapOf(o: object, w: Walk, depth: number, step: Step): { [k: string]: Term } {
  const r: { [k: string]: Term } = {};
  for (const k of Object.keys(o)) {
    if (w.nodes > MAX_NODES) {
      r['#…'] = '#…';
      break;
    }
    // `__proto__` as a key would set the prototype on assignment.
    Object.defineProperty(r, k, {
      value: step(dataOf(o, k)?.value, w, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return r;
}

/** A runtime term class instance (a record, a list, a binary): same class, fields copied. */
function fieldsOf(o: object, proto: object, w: Walk, depth: number, step: Step): object {
  return Object.setPrototypeOf(mapOf(o, w, depth, step), proto) as object;
}

/** `'#WeakMap'`, `'#Map'`, `'#Error<TypeError: x>'`, `'#MyClass'`: named without running module code. */
function standIn(o: object, proto: object | null): string {
  const name = constructorName(proto);
  if (isErrorLike(o)) return `#Error<${describeThrown(o)}>`;
  return `#${name}`;
}

function constructorName(proto: object | null): string {
  for (let p = proto, i = 0; p !== null && i < 16; p = getPrototypeOf(p), i++) {
    const ctor = inherited(p, 'constructor');
    if (typeof ctor === 'function') {
      const name = functionName(ctor);
      if (name !== 'anonymous') return name;
    }
  }
  return 'Object';
}

function functionName(f: unknown): string {
  try {
    const d = getOwnPropertyDescriptor(f as object, 'name');
    const n = d !== undefined && 'value' in d ? d.value : undefined;
    return typeof n === 'string' && n !== '' ? n.slice(0, 60) : 'anonymous';
  } catch {
    return 'anonymous';
  }
}

/**
 * The prototypes of the realm's own classes (Error, TypeError, Map, …), frozen
 * by lockdown: an accessor found there is the engine's or SES's (lockdown
 * turns `Error.prototype.name` into one so that `err.name = …` works), never a
 * module's, so calling it runs no module code.
 */
const builtinProtos: ReadonlySet<object> = new Set(
  Object.getOwnPropertyNames(globalThis).flatMap((k) => {
    const d = getOwnPropertyDescriptor(globalThis, k);
    const v: unknown = d !== undefined && 'value' in d ? d.value : undefined;
    const proto: unknown =
      typeof v === 'function' ? (v as { prototype?: unknown }).prototype : undefined;
    return typeof proto === 'object' && proto !== null ? [proto] : [];
  }),
);

/** A property found on the object or its prototypes; a getter is run only if it is a built-in one. */
function inherited(o: object, key: string): unknown {
  for (let p: object | null = o, i = 0; p !== null && i < 16; p = getPrototypeOf(p), i++) {
    const d = getOwnPropertyDescriptor(p, key);
    if (d === undefined) continue;
    if ('value' in d) return d.value;
    return d.get !== undefined && builtinProtos.has(p) ? Reflect.apply(d.get, o, []) : undefined;
  }
  return undefined;
}

function isErrorLike(o: object): boolean {
  return typeof inherited(o, 'name') === 'string' && typeof inherited(o, 'message') === 'string';
}

const MAX_TEXT = 500;
const cut = (s: string): string => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);

/**
 * `"TypeError: x is undefined"` for anything thrown, without calling any of
 * the thrower's code: a `name` or `message` that is a getter, a `toString`
 * that throws, a Proxy. Non-errors are shown as terms (`#{code => 1}`).
 */
export function describeThrown(e: unknown): string {
  try {
    if (typeof e !== 'object' || e === null) {
      if (typeof e === 'function') return `#Fun<${functionName(e)}>`;
      return cut(
        typeof e === 'string'
          ? e
          : typeof e === 'symbol'
            ? `#Symbol<${e.description ?? ''}>`
            : String(e),
      );
    }
    const name = inherited(e, 'name');
    const message = inherited(e, 'message');
    if (typeof name === 'string' && typeof message === 'string')
      return cut(message === '' ? name : `${name}: ${message}`);
    const t = copyOut(e);
    return cut(typeof t === 'string' ? t : formatTerm(t));
  } catch {
    return 'an unreadable exception';
  }
}

/** The name and message of something thrown, each a plain string (for an Error the host makes). */
export function errorParts(e: unknown): { name: string; message: string } {
  try {
    if (typeof e === 'object' && e !== null) {
      const name = inherited(e, 'name');
      const message = inherited(e, 'message');
      if (typeof name === 'string' && typeof message === 'string')
        return { name: cut(name), message: cut(message) };
    }
  } catch {
    // fall through
  }
  return { name: 'Error', message: describeThrown(e) };
}

/** V8's own `stack` accessor (shared by every error), if it is one: calling it runs no user code. */
const nativeStackGetter: unknown = (() => {
  const d = getOwnPropertyDescriptor(new Error('probe'), 'stack');
  return d?.get;
})();

/**
 * True if `name` and `message` are data (or built-in accessors) all along the
 * chain. V8 writes a stack's first line lazily, on the first read of `stack`,
 * reading `name` and `message` as it goes: with a getter of the module's
 * there, reading the stack would run it.
 */
function plainHeader(e: object): boolean {
  for (const key of ['name', 'message']) {
    for (let p: object | null = e, i = 0; p !== null && i < 16; p = getPrototypeOf(p), i++) {
      const d = getOwnPropertyDescriptor(p, key);
      if (d === undefined) continue;
      if (!('value' in d) && !builtinProtos.has(p)) return false;
      break;
    }
  }
  return true;
}

/** An error's stack text, read without running user code (not at all if that would run a getter). */
export function stackOf(e: unknown): string | undefined {
  try {
    if (typeof e !== 'object' || e === null || !plainHeader(e)) return undefined;
    const d = getOwnPropertyDescriptor(e, 'stack');
    if (d === undefined) return undefined;
    if ('value' in d) return typeof d.value === 'string' ? d.value : undefined;
    if (d.get !== undefined && d.get === nativeStackGetter) {
      const s: unknown = Reflect.apply(d.get, e, []);
      return typeof s === 'string' ? s : undefined;
    }
  } catch {
    // unreadable
  }
  return undefined;
}

/** For the wire only: a record is `#name{…}` data; used by {@link cloneable}. */
const isRecord = (x: object): x is ErlRecord => x instanceof ErlRecord;

/**
 * A last resort before postMessage: the same value with anything structured
 * clone would refuse replaced by a stand-in (pids and refs become
 * `{ node, id }` as clone leaves them). Runs no user code.
 */
export function cloneable(value: unknown, depth = 0, seen = new Set<object>()): unknown {
  switch (typeof value) {
    case 'function':
      return `#Fun<${functionName(value)}>`;
    case 'symbol':
      return `#Symbol<${value.description ?? ''}>`;
    case 'object':
      break;
    case 'string':
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'undefined':
      return value;
  }
  if (value === null) return null;
  if (depth > MAX_DEPTH) return '#…';
  if (seen.has(value)) return '#cycle';
  try {
    if (value instanceof Pid || value instanceof Ref) return { node: value.node, id: value.id };
    seen.add(value);
    try {
      if (Array.isArray(value)) {
        const len = dataOf(value, 'length')?.value;
        const n = typeof len === 'number' ? Math.min(len, MAX_NODES) : 0;
        const r: unknown[] = [];
        for (let i = 0; i < n; i++)
          r.push(cloneable(dataOf(value, String(i))?.value, depth + 1, seen));
        return r;
      }
      const proto = getPrototypeOf(value);
      if (
        proto !== Object.prototype &&
        proto !== null &&
        !isRecord(value) &&
        !TERM_PROTOS.has(proto)
      )
        return standIn(value, proto);
      const r: Record<string, unknown> = {};
      for (const k of Object.keys(value))
        Object.defineProperty(r, k, {
          value: cloneable(dataOf(value, k)?.value, depth + 1, seen),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return r;
    } finally {
      seen.delete(value);
    }
  } catch {
    return '#unreadable';
  }
}

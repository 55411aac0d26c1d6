/**
 * Erlang terms as plain JavaScript values.
 *
 * Deliberate difference from OTP: a JS string is an atom, a JS array is a
 * tuple, a plain object is a map. Lists and binaries are not modelled
 * separately; the playground only needs atoms, numbers, tuples, pids and refs.
 */

/** A process identifier `<node.id.0>`. Interned per node, so `===` compares. */
export class Pid {
  constructor(
    readonly node: number,
    readonly id: number,
  ) {}
  toString(): string {
    return `<${this.node}.${this.id}.0>`;
  }
}

/** A reference, as made by `make_ref()` / `monitor/2`. */
export class Ref {
  constructor(
    readonly node: number,
    readonly id: number,
  ) {}
  toString(): string {
    return `#Ref<${this.node}.${this.id}>`;
  }
}

/** A record such as OTP's internal `#child{id=e}`; printed in record syntax. */
export class ErlRecord {
  constructor(
    readonly name: string,
    readonly fields: { readonly [key: string]: Term },
  ) {}
}

export type Atom = string;
export type Term =
  | Atom
  | number
  | boolean
  | Pid
  | Ref
  | ErlRecord
  | undefined
  | readonly Term[]
  | { readonly [key: string]: Term };

/** An exit reason is any term; `normal`, `shutdown`, `kill`, `killed` are the well-known ones. */
export type Reason = Term;

export const isPid = (t: unknown): t is Pid => t instanceof Pid;
export const isRef = (t: unknown): t is Ref => t instanceof Ref;
export const isTuple = (t: unknown): t is readonly Term[] => Array.isArray(t);

/** `{shutdown, X}` */
export const isShutdownTuple = (r: Reason): boolean =>
  isTuple(r) && r.length === 2 && r[0] === 'shutdown';

/**
 * As in OTP `supervisor:do_restart/3`: `normal`, `shutdown` and `{shutdown, _}`
 * are the reasons a transient child is not restarted for, and the reasons no
 * CRASH REPORT is written for.
 */
export const isNormalExit = (r: Reason): boolean =>
  r === 'normal' || r === 'shutdown' || isShutdownTuple(r);

const ATOM_RE = /^[a-z][a-zA-Z0-9_@]*$/;
/** erl_scan:reserved_word/1: these must be quoted to read back as atoms. */
const RESERVED = new Set(
  'after and andalso band begin bnot bor bsl bsr bxor case catch cond div end fun if let maybe not of or orelse receive rem try when xor'.split(
    ' ',
  ),
);
const quoteAtom = (a: string): string =>
  `'${a.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t')}'`;

export interface FormatOptions {
  /** How to print a pid; defaults to `<node.id.0>`. */
  pid?: (pid: Pid) => string;
}

/** Formats a term as `io_lib:format("~0p", [T])` would. */
export function formatTerm(t: Term, opts: FormatOptions = {}): string {
  if (t === undefined) return 'undefined';
  if (typeof t === 'string') return ATOM_RE.test(t) && !RESERVED.has(t) ? t : quoteAtom(t);
  if (typeof t === 'number') return String(t);
  if (typeof t === 'boolean') return t ? 'true' : 'false';
  if (t instanceof Pid) return opts.pid ? opts.pid(t) : t.toString();
  if (t instanceof Ref) return t.toString();
  if (t instanceof ErlRecord) {
    const fields = Object.entries(t.fields).map(([k, v]) => `${k}=${formatTerm(v, opts)}`);
    return `#${t.name}{${fields.join(',')}}`;
  }
  if (Array.isArray(t)) return `{${t.map((x: Term) => formatTerm(x, opts)).join(',')}}`;
  const entries = Object.entries(t as { [key: string]: Term });
  return `#{${entries.map(([k, v]) => `${formatTerm(k, opts)} => ${formatTerm(v, opts)}`).join(',')}}`;
}

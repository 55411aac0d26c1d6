import { charCodes, isPrintableLatin1, writeErlBinary, writeErlString } from '../base';

/**
 * Erlang terms as plain JavaScript values.
 *
 * A JS string is an atom, a number an integer, a JS array a tuple, a plain
 * object a map; lists and binaries are the small classes {@link ErlList} and
 * {@link Binary}. Tuples stay bare arrays because the runtime's own messages
 * (`{'EXIT', Pid, Reason}`, `{'$gen_call', From, Req}`) are tuples and are
 * matched on every turn; lists appear in user terms and exit reasons only.
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

/** A reference, as made by `make_ref()` / `monitor/2`; it may also be a process alias. */
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

/**
 * A proper list `[a, b]`; a string is a list of character codes. The one
 * field is named `$list` so that a list keeps a recognisable shape after
 * structured clone (`{ $list: [...] }`), which drops the class.
 */
export class ErlList {
  constructor(readonly $list: readonly Term[]) {}
}

/**
 * A binary `<<"text">>`: its bytes as a string of char codes 0–255 (cheap to
 * compare, print and clone; after structured clone `{ $bin: '…' }`).
 */
export class Binary {
  constructor(readonly $bin: string) {}
}

export type Atom = string;
export type Term =
  | Atom
  | number
  | boolean
  | Pid
  | Ref
  | ErlRecord
  | ErlList
  | Binary
  | undefined
  | readonly Term[]
  | { readonly [key: string]: Term };

/** An exit reason is any term; `normal`, `shutdown`, `kill`, `killed` are the well-known ones. */
export type Reason = Term;

export const isPid = (t: unknown): t is Pid => t instanceof Pid;
export const isRef = (t: unknown): t is Ref => t instanceof Ref;
export const isTuple = (t: unknown): t is readonly Term[] => Array.isArray(t);
export const isList = (t: unknown): t is ErlList => t instanceof ErlList;
export const isBinary = (t: unknown): t is Binary => t instanceof Binary;

/** `[A, B, …]` */
export const list = (...items: Term[]): ErlList => new ErlList(items);
/** `"text"`: the list of its character codes (`""` is `[]`). */
export const charList = (text: string): ErlList =>
  new ErlList(Array.from(text, (c) => c.codePointAt(0) as number));
/** `<<"text">>`; each char code must be a byte (0–255). */
export const binary = (bytes: string): Binary => new Binary(bytes);

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
  'after and andalso band begin bnot bor bsl bsr bxor case catch cond div end fun if let not of or orelse receive rem try when xor'.split(
    ' ',
  ),
);

export interface FormatOptions {
  /** How to print a pid; defaults to `<node.id.0>`. */
  pid?: (pid: Pid) => string;
  /** How to print a reference; defaults to `#Ref<node.id>`. */
  ref?: (ref: Ref) => string;
}

/**
 * Formats a term as `io_lib:format("~0p", [T])` would: a non-empty list of
 * Latin-1 printable character codes as `"text"`, a printable binary as
 * `<<"text">>` (else `<<1,2>>`), atoms quoted when they must be.
 */
export function formatTerm(t: Term, opts: FormatOptions = {}): string {
  if (t === undefined) return 'undefined';
  if (typeof t === 'string')
    return ATOM_RE.test(t) && !RESERVED.has(t) ? t : writeErlString(charCodes(t), "'");
  if (typeof t === 'number') return String(t);
  if (typeof t === 'boolean') return t ? 'true' : 'false';
  if (Array.isArray(t)) return `{${t.map((x: Term) => formatTerm(x, opts)).join(',')}}`;
  if (t instanceof Pid) return opts.pid ? opts.pid(t) : t.toString();
  if (t instanceof Ref) return opts.ref ? opts.ref(t) : t.toString();
  if (t instanceof ErlList) {
    const items = t.$list;
    if (items.length === 0) return '[]';
    if (isPrintableLatin1(items)) return writeErlString(items as readonly number[], '"');
    return `[${items.map((x) => formatTerm(x, opts)).join(',')}]`;
  }
  if (t instanceof Binary) return writeErlBinary(t.$bin);
  if (t instanceof ErlRecord) {
    const fields = Object.entries(t.fields).map(([k, v]) => `${k}=${formatTerm(v, opts)}`);
    return `#${t.name}{${fields.join(',')}}`;
  }
  const entries = Object.entries(t as { [key: string]: Term });
  return `#{${entries.map(([k, v]) => `${formatTerm(k, opts)} => ${formatTerm(v, opts)}`).join(',')}}`;
}

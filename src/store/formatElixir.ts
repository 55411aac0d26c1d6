import type { WirePid } from '../base';
import type { Flavour } from '../runtime';
import { charCodes, isPrintableLatin1, isWirePid, pidKey } from '../base';
import type { FormatPlainOptions } from './formatPlain';
import { formatPlainTerm, plainRef } from './formatPlain';

/**
 * Plain terms (see `formatPlain.ts` for the shapes after structured clone) as Elixir's
 * `inspect/2` prints them (Elixir 1.15+, `Inspect.Algebra` without line breaks):
 *
 * - atoms `:ok`, `:"hello world"`, `true`/`false`/`nil` bare, `:"Elixir.Counter"` as `Counter`
 *   (Inspect.Atom);
 * - tuples `{:error, :boom}`, lists `[1, 2]`, keyword lists `[a: 1]`, a printable charlist
 *   `~c"hi"` (Inspect.List, `:charlists` `:infer`);
 * - binaries `"text"` when they are printable UTF-8, else `<<1, 2>>` (Inspect.BitString);
 * - maps `%{count: 0}` when every key is an atom, else `%{1 => :a}` (Inspect.Map);
 * - pids `#PID<0.5.0>`, refs `#Reference<0.7>` (shortened as the page's refs are);
 * - an OTP record `#child{id=a}` is a tuple in Elixir, `{:child, :a}`.
 *
 * Deliberate differences from Elixir: map keys keep their order (Elixir sorts maps of up to 32
 * keys), and a map whose keys are only `node` and `id` prints as a pid, as `formatPlainTerm` does.
 */

/** `:ok` needs no quotes; `:"hello world"` does (Elixir's `Code.Identifier` rules, simplified). */
const PLAIN_ATOM = /^[a-zA-Z_][a-zA-Z0-9_@]*[?!]?$/;
/** A keyword key or map key written `count:` (no `@`, as `Macro.classify_atom/1` allows). */
const KEY_ATOM = /^[a-zA-Z_][a-zA-Z0-9_]*[?!]?$/;
/** `Elixir.Foo.Bar`: a module alias, printed `Foo.Bar`. */
const ALIAS_ATOM = /^Elixir(\.[A-Z][a-zA-Z0-9_]*)+$/;

/** `"…"` with Elixir's escapes (`\n`, `\"`, `\#{`), for a string of Unicode text. */
export function elixirString(text: string, q: '"' = '"'): string {
  let out = q;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (ch === q || ch === '\\') out += `\\${ch}`;
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 27) out += '\\e';
    else if (c === 0) out += '\\0';
    else if (c < 32 || c === 127) out += `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += ch;
  }
  // `#{` would start an interpolation when read back.
  return out.replace(/#\{/g, '\\#{') + q;
}

/** An atom as Elixir writes it: `:ok`, `true`, `Counter`, `:"hello world"`. */
export function formatElixirAtom(a: string): string {
  if (a === 'true' || a === 'false' || a === 'nil') return a;
  if (ALIAS_ATOM.test(a)) return a.slice('Elixir.'.length);
  return PLAIN_ATOM.test(a) ? `:${a}` : `:${elixirString(a)}`;
}

/** A keyword or map key: `count: ` or `"hello world": `. */
function keyword(a: string): string {
  return KEY_ATOM.test(a) ? `${a}: ` : `${elixirString(a)}: `;
}

/** The text of a binary's bytes when they are printable UTF-8 (String.printable?/1), else undefined. */
function printableUtf8(bytes: string): string | undefined {
  const codes = charCodes(bytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(codes));
  } catch {
    return undefined;
  }
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 32 && !(c >= 7 && c <= 13) && c !== 27) return undefined;
    if (c === 127 || (c >= 0x80 && c < 0xa0)) return undefined;
  }
  return text;
}

/** `#PID<0.5.0>`, or the registered name the caller gives. */
export function formatElixirPid(p: WirePid, opts: FormatPlainOptions = {}): string {
  const key = pidKey(p);
  return opts.pidName?.(key) ?? `#PID${key}`;
}

const formatElixirRef = (r: WirePid): string => `#Reference<${r.node}.${r.id}>`;

/** A term as Elixir's `inspect/2` prints it. */
export function formatElixirTerm(t: unknown, opts: FormatPlainOptions = {}): string {
  const out = ex(t, opts, opts.depth ?? Infinity, false);
  const max = opts.maxLength;
  return max !== undefined && out.length > max ? `${out.slice(0, Math.max(0, max - 3))}...` : out;
}

const isKeywordPair = (x: unknown): x is readonly [string, unknown] =>
  Array.isArray(x) && x.length === 2 && typeof x[0] === 'string';

function ex(t: unknown, opts: FormatPlainOptions, depth: number, asRef: boolean): string {
  if (depth <= 0) return '...';
  if (t === undefined || t === null) return ':undefined';
  switch (typeof t) {
    case 'string':
      return formatElixirAtom(t);
    case 'number':
      return Number.isFinite(t) ? String(t) : formatElixirAtom(String(t));
    case 'boolean':
      return t ? 'true' : 'false';
    case 'bigint':
      return String(t);
    case 'object':
      break;
    case 'undefined':
    case 'symbol':
    case 'function':
      return formatElixirAtom(String(t));
  }
  if (depth <= 1) return '...';
  const d = depth - 1;
  if (Array.isArray(t)) {
    const items = t as readonly unknown[];
    // As formatPlain: the ref of {'DOWN', Ref, process, Pid, Reason} and a call's tag.
    const refAt = items[0] === 'DOWN' && items.length === 5 ? 1 : -1;
    const parts = items.map((x, i) => {
      if (i === refAt) return ex(x, opts, d, true);
      if (i === 1 && items[0] === '$gen_call' && Array.isArray(x) && x.length === 2)
        return `{${ex(x[0], opts, d - 1, false)}, ${ex(x[1], opts, d - 1, true)}}`;
      return ex(x, opts, d, false);
    });
    return `{${parts.join(', ')}}`;
  }
  if (isWirePid(t)) return asRef ? formatElixirRef(t) : formatElixirPid(t, opts);
  const ref = plainRef(t);
  if (ref !== undefined) return formatElixirRef(ref);
  const o = t as { $list?: unknown; $bin?: unknown; name?: unknown; fields?: unknown };
  const keys = Object.keys(t);
  if (Array.isArray(o.$list) && keys.length === 1) {
    const items = o.$list as readonly unknown[];
    if (items.length === 0) return '[]';
    if (isPrintableLatin1(items) && items.every((c) => (c as number) < 128))
      return `~c${elixirString(String.fromCharCode(...(items as number[])))}`;
    if (items.every(isKeywordPair))
      return `[${items.map(([k, v]) => `${keyword(k)}${ex(v, opts, d - 1, false)}`).join(', ')}]`;
    return `[${items.map((x) => ex(x, opts, d, false)).join(', ')}]`;
  }
  if (typeof o.$bin === 'string' && keys.length === 1) {
    const text = printableUtf8(o.$bin);
    if (text !== undefined) return elixirString(text);
    return o.$bin.length === 0 ? '""' : `<<${charCodes(o.$bin).join(', ')}>>`;
  }
  if (
    keys.length === 2 &&
    typeof o.name === 'string' &&
    typeof o.fields === 'object' &&
    o.fields !== null &&
    !Array.isArray(o.fields)
  ) {
    // Records are tuples to Elixir (Record docs): `{:child, field values…}`.
    const values = Object.values(o.fields as Record<string, unknown>);
    return `{${[formatElixirAtom(o.name), ...values.map((v) => ex(v, opts, d, false))].join(', ')}}`;
  }
  const entries = Object.entries(t as Record<string, unknown>);
  if (entries.length === 0) return '%{}';
  return `%{${entries.map(([k, v]) => `${keyword(k)}${ex(v, opts, d, false)}`).join(', ')}}`;
}

/**
 * THE way to print a term for a person: Erlang's `~0p` or Elixir's `inspect/2`, by the
 * workspace's flavour. The inspector, the dialogs and the log call this one.
 */
export function formatTermIn(flavour: Flavour, t: unknown, opts: FormatPlainOptions = {}): string {
  return flavour === 'elixir' ? formatElixirTerm(t, opts) : formatPlainTerm(t, opts);
}

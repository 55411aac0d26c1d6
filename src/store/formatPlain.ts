import type { WirePid } from '../base';
import { isPrintableLatin1, isWirePid, pidKey, writeErlBinary, writeErlString } from '../base';

/**
 * Plain terms (`PlainTerm`: terms that crossed to the main thread) as
 * `io_lib:format("~0p", [T])` prints them. The runtime's `formatTerm` tells
 * pids, refs and records apart with `instanceof`; after structured clone they are plain objects, so here:
 *
 * - `{ node, id }` (exactly those two integer keys) is a pid, printed
 *   `<0.5.0>` or by its registered name;
 * - `{ $ref: [node, id] }` is a ref, `#Ref<0.7>` (the node host posts refs so);
 *   a bare `{ node, id }` is read as a ref too where OTP's shapes say so: the
 *   second element of `{'DOWN', Ref, process, Pid, Reason}` and the tag of
 *   `{'$gen_call', {Pid, Ref}, Req}`;
 * - `{ name, fields }` (a string and a plain object) is a record, `#child{id=a}`;
 * - `{ $list: [...] }` is a list (a printable one as a string, `"hi"`) and
 *   `{ $bin: '…' }` a binary, `<<"hi">>`: the runtime's ErlList and Binary
 *   keep that shape through structured clone;
 * - any other plain object is a map `#{k => v}`; an array is a tuple `{a,b}`;
 *   a string is an atom, quoted when it must be.
 *
 * Deliberate difference from OTP: a map whose only keys are `node` and `id`
 * (or `name` and `fields`) prints as a pid (or record).
 */

export interface FormatPlainOptions {
  /** A registered name to print instead of the pid, if any. */
  pidName?: (key: string) => string | undefined;
  /** Nesting deeper than this prints `...` (roughly `~P`; OTP also shortens long tuples). Default: unlimited. */
  depth?: number;
  /** Longer output is cut and ends with `...`. Default: unlimited. */
  maxLength?: number;
}

const ATOM_RE = /^[a-z][a-zA-Z0-9_@]*$/;

/** An atom, quoted when it has to be (`'EXIT'`, `'hello world'`). */
export function formatAtom(a: string): string {
  return ATOM_RE.test(a) ? a : `'${a.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `#Ref<0.7>` for a ref after structured clone. */
export function formatRef(r: WirePid): string {
  return `#Ref<${r.node}.${r.id}>`;
}

const isRecord = (t: object): t is { name: string; fields: Record<string, unknown> } => {
  const keys = Object.keys(t);
  const o = t as { name?: unknown; fields?: unknown };
  return (
    keys.length === 2 &&
    typeof o.name === 'string' &&
    typeof o.fields === 'object' &&
    o.fields !== null &&
    !Array.isArray(o.fields)
  );
};

/** Formats a plain term as `~0p` would. */
export function formatPlainTerm(t: unknown, opts: FormatPlainOptions = {}): string {
  const out = fmt(t, opts, opts.depth ?? Infinity, false);
  const max = opts.maxLength;
  return max !== undefined && out.length > max ? `${out.slice(0, Math.max(0, max - 3))}...` : out;
}

/** A pid as the log shows it: its registered name, or `<0.5.0>`. */
export function formatPid(p: WirePid, opts: FormatPlainOptions = {}): string {
  const key = pidKey(p);
  return opts.pidName?.(key) ?? key;
}

function fmt(t: unknown, opts: FormatPlainOptions, depth: number, asRef: boolean): string {
  if (depth <= 0) return '...';
  if (t === undefined || t === null) return 'undefined';
  switch (typeof t) {
    case 'string':
      return formatAtom(t);
    case 'number':
      return Number.isFinite(t) ? String(t) : formatAtom(String(t));
    case 'boolean':
      return t ? 'true' : 'false';
    case 'bigint':
      return String(t);
    case 'object':
      break;
    case 'undefined':
    case 'symbol':
    case 'function':
      return formatAtom(String(t));
  }
  // A compound term with no depth left for its elements is `...` as a whole.
  if (depth <= 1) return '...';
  const d = depth - 1;
  if (Array.isArray(t)) {
    const items = t as readonly unknown[];
    // OTP's shapes that carry a ref where a pid-looking object stands.
    const refAt = items[0] === 'DOWN' && items.length === 5 ? 1 : -1;
    const parts = items.map((x, i) => {
      if (i === refAt) return fmt(x, opts, d, true);
      if (i === 1 && items[0] === '$gen_call' && Array.isArray(x) && x.length === 2) {
        return `{${fmt(x[0], opts, d - 1, false)},${callTag(x[1], opts, d - 1)}}`;
      }
      // A gen_server reply, {Tag, Reply}: the tag is a ref or {alias, Ref}.
      if (i === 0 && items.length === 2 && isAliasTag(x)) return callTag(x, opts, d);
      return fmt(x, opts, d, false);
    });
    return `{${parts.join(',')}}`;
  }
  if (isWirePid(t)) return asRef ? formatRef(t) : formatPid(t, opts);
  const ref = plainRef(t);
  if (ref !== undefined) return formatRef(ref);
  const o = t as { $list?: unknown; $bin?: unknown };
  if (Array.isArray(o.$list) && Object.keys(t).length === 1) {
    const items = o.$list as readonly unknown[];
    if (items.length === 0) return '[]';
    if (isPrintableLatin1(items)) return writeErlString(items as readonly number[], '"');
    return `[${items.map((x) => fmt(x, opts, d, false)).join(',')}]`;
  }
  if (typeof o.$bin === 'string' && Object.keys(t).length === 1) return writeErlBinary(o.$bin);
  if (isRecord(t)) {
    const fields = Object.entries(t.fields).map(([k, v]) => `${k}=${fmt(v, opts, d, false)}`);
    return `#${t.name}{${fields.join(',')}}`;
  }
  const entries = Object.entries(t as Record<string, unknown>);
  return `#{${entries.map(([k, v]) => `${formatAtom(k)} => ${fmt(v, opts, d, false)}`).join(',')}}`;
}

/** A ref as the node host posts it, `{ $ref: [node, id] }` (see worker/plain.ts), else undefined. */
export function plainRef(t: unknown): WirePid | undefined {
  if (typeof t !== 'object' || t === null || Array.isArray(t)) return undefined;
  const r = (t as { $ref?: unknown }).$ref;
  if (!Array.isArray(r) || r.length !== 2 || Object.keys(t).length !== 1) return undefined;
  const [node, id] = r as unknown[];
  return Number.isInteger(node) && Number.isInteger(id)
    ? { node: node as number, id: id as number }
    : undefined;
}

/** `{alias, Ref}`: the tag of a call made with a timeout (OTP's `[alias | Mref]`). */
const isAliasTag = (x: unknown): x is readonly [string, unknown] =>
  Array.isArray(x) &&
  x.length === 2 &&
  x[0] === 'alias' &&
  (isWirePid(x[1]) || plainRef(x[1]) !== undefined);

/** A call's tag: a ref, or `{alias, Ref}`. */
function callTag(x: unknown, opts: FormatPlainOptions, depth: number): string {
  if (isAliasTag(x)) return `{alias,${fmt(x[1], opts, depth - 1, true)}}`;
  return fmt(x, opts, depth, true);
}

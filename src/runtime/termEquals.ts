import { Binary, ErlList, ErlRecord, Pid, Ref } from './term';
import type { Term } from './term';

/** The atom a JS value stands for, for the values that have two spellings (`true` / `'true'`). */
const atomOf = (t: Term): Term =>
  t === undefined ? 'undefined' : t === true ? 'true' : t === false ? 'false' : t;

/**
 * Erlang's exact equality `=:=`: same type and same value, element by
 * element. Pids and refs are interned per node, so they compare by identity.
 * Deliberate difference from OTP: integers and floats are both JS numbers, so
 * `1 =:= 1.0` is true here.
 */
export function termEquals(a: Term, b: Term): boolean {
  if (a === b) return true;
  a = atomOf(a);
  b = atomOf(b);
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a)) return Array.isArray(b) && sameItems(a, b);
  if (Array.isArray(b)) return false;
  if (a instanceof ErlList) return b instanceof ErlList && sameItems(a.$list, b.$list);
  if (a instanceof Binary) return b instanceof Binary && a.$bin === b.$bin;
  if (a instanceof Pid || a instanceof Ref || b instanceof Pid || b instanceof Ref) return false;
  if (a instanceof ErlRecord)
    return b instanceof ErlRecord && a.name === b.name && sameMap(a.fields, b.fields);
  if (b instanceof ErlList || b instanceof Binary || b instanceof ErlRecord) return false;
  return sameMap(a as { readonly [k: string]: Term }, b as { readonly [k: string]: Term });
}

function sameItems(a: readonly Term[], b: readonly Term[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!termEquals(a[i], b[i])) return false;
  return true;
}

function sameMap(a: { readonly [k: string]: Term }, b: { readonly [k: string]: Term }): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || !termEquals(a[k], b[k])) return false;
  return true;
}

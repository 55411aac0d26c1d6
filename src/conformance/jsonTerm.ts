import { parseTerm } from '../runtime/parseTerm';
import type { Term } from '../runtime/term';
import { ErlList, binary, charList } from '../runtime/term';
import type { Json } from './jsonInput';
import { ATOM_RE, bad, isObj, show } from './jsonInput';

/** `"{shutdown,x}"`, the one compound term version 1 writes as a string. */
const SHUTDOWN_RE = /^\{shutdown,\s*[a-z][a-zA-Z0-9_@]*\}$/;
/** SPEC: `text` is printable ASCII without `"` and `\`. */
const TEXT_RE = /^[ !#-[\]-~]*$/;
/** Deeper terms are refused, so nothing downstream recurses without bound. */
export const MAX_TERM_DEPTH = 100;

/**
 * A term of a scenario (SPEC "Terms"): an atom or `"{shutdown,X}"` as a
 * string; in version 2 also an integer, `{"tuple": […]}`, `{"list": […]}`,
 * `{"binary": "text"}` or `{"string": "text"}`. `what` names the term in the
 * error (`steps[2].reason: bad reason {...}`).
 */
export function jsonTerm(v: Json, field: string, what: string, v2: boolean): Term {
  if (typeof v === 'string') {
    if (ATOM_RE.test(v)) return v;
    if (SHUTDOWN_RE.test(v)) return parseTerm(v);
    return bad(field, `bad ${what} ${show(v)}`);
  }
  if (!v2) {
    if (Number.isInteger(v) || isObj(v)) bad(field, `the term ${show(v)} needs "version": 2`);
    return bad(field, `bad ${what} ${show(v)}`);
  }
  return richTerm(v, field, what, 0, field);
}

/** `top`: the term's own field, named when it is too deep (the path inside would be too long). */
function richTerm(v: Json, field: string, what: string, depth: number, top: string): Term {
  if (typeof v === 'string') {
    if (ATOM_RE.test(v)) return v;
    if (SHUTDOWN_RE.test(v)) return parseTerm(v);
  } else if (Number.isInteger(v)) {
    return v as number;
  } else if (isObj(v)) {
    const keys = Object.keys(v);
    const k = keys[0];
    const x = k === undefined ? undefined : v[k];
    if (keys.length === 1 && (k === 'tuple' || k === 'list') && Array.isArray(x)) {
      if (depth >= MAX_TERM_DEPTH)
        bad(top, `bad ${what}: nested deeper than ${MAX_TERM_DEPTH} levels`);
      const items = x.map((e: Json, i) => richTerm(e, `${field}.${k}[${i}]`, what, depth + 1, top));
      return k === 'tuple' ? items : new ErlList(items);
    }
    if (keys.length === 1 && typeof x === 'string' && TEXT_RE.test(x)) {
      if (k === 'binary') return binary(x);
      if (k === 'string') return charList(x);
    }
  }
  return bad(field, `bad ${what} ${show(v)}`);
}

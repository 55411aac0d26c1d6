import { InputError } from '../runtime/errors';

/** Checking JSON input: each helper throws an InputError naming the field. */
export type Json = unknown;
export type Obj = Record<string, Json>;

export const ID_RE = /^[a-z][a-z0-9_]*$/;
export const ATOM_RE = /^[a-z][a-zA-Z0-9_@]*$/;

export function bad(field: string, why: string): never {
  throw new InputError(`${field}: ${why}`);
}

/**
 * A JSON value for an error message: short, one line, and safe for any
 * input (no recursion over a deeply nested value, unlike JSON.stringify).
 */
export function show(v: Json, depth = 3): string {
  if (v === undefined) return 'undefined';
  if (typeof v !== 'object' || v === null) {
    const s = JSON.stringify(v);
    return s.length > 60 ? `${s.slice(0, 57)}..."` : s;
  }
  if (depth === 0) return Array.isArray(v) ? '[...]' : '{...}';
  const parts = Array.isArray(v)
    ? v.slice(0, 4).map((x) => show(x, depth - 1))
    : Object.keys(v)
        .slice(0, 4)
        .map((k) => `${JSON.stringify(k)}:${show((v as Obj)[k], depth - 1)}`);
  const n = Array.isArray(v) ? v.length : Object.keys(v).length;
  if (n > 4) parts.push('...');
  return Array.isArray(v) ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
}

export function isObj(v: Json): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: Json, field: string): Obj {
  if (!isObj(v)) bad(field, 'must be an object');
  return v;
}

/** A key the object really has (not one inherited from Object.prototype, such as `toString`). */
export const has = (o: object, k: string): boolean => Object.hasOwn(o, k);

export function str(v: Json, field: string): string {
  if (typeof v !== 'string') bad(field, `must be a string, got ${show(v)}`);
  return v;
}

export function allowed(o: Obj, field: string, keys: readonly string[]): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) bad(`${field}.${k}`, 'unknown field');
}

export function oneOf<T extends string>(v: Json, field: string, values: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
    bad(field, `must be one of ${values.join(', ')}, got ${show(v)}`);
  return v as T;
}

export function int(v: Json, field: string, min: number, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || (v as number) < min)
    bad(field, `must be an integer >= ${min}, got ${show(v)}`);
  return v as number;
}

export function bool(v: Json, field: string): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') bad(field, `must be true or false, got ${show(v)}`);
  return v;
}

export function id(v: Json, field: string): string {
  if (typeof v !== 'string' || !ID_RE.test(v))
    bad(field, `must match [a-z][a-z0-9_]*, got ${show(v)}`);
  return v;
}

/** `o[k]`, which must be present. */
export function need(o: Obj, field: string, k: string): Json {
  if (o[k] === undefined) bad(`${field}.${k}`, 'is required');
  return o[k];
}

import type { Checked } from './validate';
import { type Session, validateSession } from './session';

/** Characters of JSON we read from a link, a file or storage (a 10,000-process tree is ~1 MB). */
export const MAX_JSON_CHARS = 4_000_000;
/** Brackets nested in that JSON: a workspace 32 supervisors deep with deep args stays well under. */
export const MAX_JSON_DEPTH = 256;

/**
 * JSON from outside, bounded: its size and nesting are measured with one loop over the text
 * before `JSON.parse` sees it, so nothing downstream (validation, `structuredClone`,
 * `JSON.stringify`, all recursive in the engine) meets a value nested 100,000 deep.
 */
export function parseJson(
  text: string,
  what: string,
  maxChars = MAX_JSON_CHARS,
  reviver?: (key: string, value: unknown) => unknown,
): Checked<unknown> {
  if (text.length > maxChars)
    return { ok: false, error: `${what}: longer than ${maxChars} characters` };
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > MAX_JSON_DEPTH)
        return { ok: false, error: `${what}: nested deeper than ${MAX_JSON_DEPTH} levels` };
    } else if (c === 93 || c === 125) depth--;
  }
  try {
    return { ok: true, value: JSON.parse(text, reviver) as unknown };
  } catch {
    return { ok: false, error: `${what}: not valid JSON` };
  }
}

/** A session from JSON text (a link's, a file's): bounded parse, then the one validator. */
export function parseSession(text: string, what: string): Checked<Session> {
  const data = parseJson(text, what);
  if (!data.ok) return data;
  const s = validateSession(data.value);
  return s.ok ? s : { ok: false, error: `${what}: ${s.error}` };
}

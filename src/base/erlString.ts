/**
 * How `io_lib:format("~0p")` writes character data (OTP 25, the default
 * `+pc latin1` range): shared by the runtime's formatTerm and the page's
 * formatPlainTerm, so a string, a binary and a quoted atom print the same
 * on both sides of the worker boundary.
 */

/** io_lib:printable_latin1_list/1: every element is a printable Latin-1 character code. */
export function isPrintableLatin1(codes: ArrayLike<unknown>): boolean {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (typeof c !== 'number' || !Number.isInteger(c)) return false;
    if ((c >= 32 && c <= 126) || (c >= 160 && c <= 255)) continue;
    if (c === 10 || c === 13 || c === 9 || c === 11 || c === 8 || c === 12 || c === 27) continue;
    return false;
  }
  return true;
}

const NAMED: { readonly [code: number]: string } = {
  10: '\\n',
  13: '\\r',
  9: '\\t',
  11: '\\v',
  8: '\\b',
  12: '\\f',
  27: '\\e',
  127: '\\d',
};

/** io_lib:write_string/2 (`string_char/4`, latin1): the codes quoted with `q` (`"` or `'`), escaped. */
export function writeErlString(codes: ArrayLike<number>, q: '"' | "'"): string {
  let out = q;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    const ch = String.fromCharCode(c);
    if (ch === q || ch === '\\') out += `\\${ch}`;
    else if ((c >= 32 && c <= 126) || (c >= 160 && c <= 255)) out += ch;
    else out += NAMED[c] ?? `\\${(c >> 6) & 7}${(c >> 3) & 7}${c & 7}`;
  }
  return out + q;
}

/** The character codes of a JS string. */
export const charCodes = (s: string): number[] => Array.from(s, (c) => c.codePointAt(0) as number);

/** A binary's bytes (a string of codes 0–255) as `~0p` prints it: `<<"text">>`, `<<1,2>>`, `<<>>`. */
export function writeErlBinary(bytes: string): string {
  const codes = charCodes(bytes);
  if (codes.length === 0) return '<<>>';
  return isPrintableLatin1(codes) ? `<<${writeErlString(codes, '"')}>>` : `<<${codes.join(',')}>>`;
}

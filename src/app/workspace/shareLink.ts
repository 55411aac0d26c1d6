import { Inflate, deflateSync, strToU8 } from 'fflate';
import { LINK_DICTIONARY_V2 } from './linkDictionary';
import { MAX_JSON_CHARS, parseSession } from './parse';
import type { Session } from './session';
import type { Checked } from './validate';

/**
 * Share links. Today's format is `#w2=` + base64url(raw DEFLATE of the session's JSON, with the
 * frozen preset dictionary in `linkDictionary.ts`): the default tree is a ~20-character link.
 * Links made before it (`#w=` + base64url(JSON)) still open; every decoder stays forever.
 */
export const SHARE_PREFIX = '#w2=';
/** The first format: base64url of the JSON, uncompressed. Decoded, never made. */
export const LEGACY_PREFIX = '#w=';
/**
 * The longest link Share makes. Browsers take far longer URLs, but chat apps, mail and QR codes
 * cut or refuse them around here; a bigger workspace goes by file (Export).
 */
export const MAX_SHARE_URL = 8_000;
/** The longest `#…` we try to decode (the bench opens a 10,000-process tree as a `#w=` link). */
const MAX_HASH_CHARS = 8_000_000;

const dictionary = strToU8(LINK_DICTIONARY_V2);

export function bytesToBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** undefined when `b64` is not base64url. */
export function base64UrlToBytes(b64: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(b64) || b64.length % 4 === 1) return undefined;
  const std = b64.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(std + '='.repeat((4 - (std.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Inflates at most `limit` bytes: the input is pushed 1 KB at a time (DEFLATE expands at most
 * ~1,000×), so a small link that would expand to gigabytes is stopped after a few megabytes.
 */
function inflateBounded(data: Uint8Array, limit: number): Uint8Array | undefined {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const inflater = new Inflate({ dictionary }, (chunk) => {
    size += chunk.length;
    if (size > limit) over = true;
    else chunks.push(chunk);
  });
  for (let i = 0; i < data.length && !over; i += 1024)
    inflater.push(data.subarray(i, i + 1024), i + 1024 >= data.length);
  if (over) return undefined;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function encodeShareHash(session: Session): string {
  const json = JSON.stringify({ workspace: session.workspace, speed: session.speed });
  return SHARE_PREFIX + bytesToBase64Url(deflateSync(strToU8(json), { level: 9, dictionary }));
}

/** Is this `#…` a share link (of any format)? */
export const isShareHash = (hash: string): boolean =>
  hash.startsWith(SHARE_PREFIX) || hash.startsWith(LEGACY_PREFIX);

/** undefined when the hash is not a share link; an error naming the problem when it is a bad one. */
export function decodeShareHash(hash: string): Checked<Session> | undefined {
  if (!isShareHash(hash)) return undefined;
  if (hash.length > MAX_HASH_CHARS)
    return { ok: false, error: `share link: longer than ${MAX_HASH_CHARS} characters` };
  const compressed = hash.startsWith(SHARE_PREFIX);
  const bytes = base64UrlToBytes(
    hash.slice(compressed ? SHARE_PREFIX.length : LEGACY_PREFIX.length),
  );
  if (!bytes) return { ok: false, error: 'share link: not valid base64url' };
  let text: string;
  try {
    const raw = compressed ? inflateBounded(bytes, MAX_JSON_CHARS) : bytes;
    if (!raw) return { ok: false, error: `share link: expands past ${MAX_JSON_CHARS} bytes` };
    text = utf8.decode(raw);
  } catch {
    return { ok: false, error: 'share link: damaged (cut short or mistyped?)' };
  }
  return parseSession(text, 'share link');
}

/** The link for `session`, or why there is none (too long: Export makes a file instead). */
export function shareUrl(
  location: { origin: string; pathname: string; search: string },
  session: Session,
): Checked<string> {
  const params = new URLSearchParams(location.search);
  params.delete('safe'); // whoever opens the link starts in the normal way
  const query = params.toString();
  const search = query === '' ? '' : `?${query}`;
  const url = location.origin + location.pathname + search + encodeShareHash(session);
  if (url.length > MAX_SHARE_URL)
    return {
      ok: false,
      error:
        `This workspace is too big for a link: ${url.length.toLocaleString('en')} characters, ` +
        `and links stop at ${MAX_SHARE_URL.toLocaleString('en')} (chat apps and mail cut longer ones). ` +
        'Use Export to save it as a file and send the file instead.',
    };
  return { ok: true, value: url };
}

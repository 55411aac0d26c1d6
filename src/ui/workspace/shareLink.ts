import type { Checked } from './validate';
import { type Session, validateSession } from './session';

/** `#w=` + base64url(JSON): every laptop that opens the link gets the same tree. */
export const SHARE_PREFIX = '#w=';

export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(b64: string): string {
  const std = b64.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(std + '='.repeat((4 - (std.length % 4)) % 4));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

export function encodeShareHash(session: Session): string {
  return SHARE_PREFIX + toBase64Url(JSON.stringify(session));
}

/** undefined when the hash is not a share link; an error naming the problem when it is a bad one. */
export function decodeShareHash(hash: string): Checked<Session> | undefined {
  if (!hash.startsWith(SHARE_PREFIX)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(fromBase64Url(hash.slice(SHARE_PREFIX.length)));
  } catch {
    return { ok: false, error: 'share link: not valid base64url JSON' };
  }
  const s = validateSession(data);
  return s.ok ? s : { ok: false, error: `share link: ${s.error}` };
}

export function shareUrl(
  location: { origin: string; pathname: string; search: string },
  session: Session,
): string {
  return location.origin + location.pathname + location.search + encodeShareHash(session);
}

import { DEFAULT_SPEED } from '../base';
import { defaultWorkspace } from '../app/workspace/defaultWorkspace';
import { MAX_JSON_CHARS, parseSession } from '../app/workspace/parse';
import type { Session } from '../app/workspace/session';
import { SHARE_PREFIX, LEGACY_PREFIX, decodeShareHash } from '../app/workspace/shareLink';
import type { Checked } from '../app/workspace/validate';

/** How long a `tree` URL may take before the embed says so. */
const FETCH_TIMEOUT_MS = 10_000;

/** The `#w2=…` part of a share string or a whole share link, if it is one. */
function shareHashOf(text: string): string | undefined {
  const at = Math.max(text.indexOf(SHARE_PREFIX), text.indexOf(LEGACY_PREFIX));
  if (at >= 0) return text.slice(at);
  if (text.startsWith(SHARE_PREFIX.slice(1)) || text.startsWith(LEGACY_PREFIX.slice(1)))
    return `#${text}`;
  return undefined;
}

const looksLikeUrl = (text: string): boolean => /^(https?:\/\/|\/|\.\.?\/)/.test(text);

/**
 * The session an embed's `tree` option names: the default tree when there is none; JSON (a
 * workspace or `{ workspace, speed }`); a share string or link; or a URL of a JSON file
 * (fetched, bounded, then checked by the same validator as every other way in).
 */
export async function resolveTree(
  tree: string | undefined,
  base: string,
  fetchFn: typeof fetch = fetch,
): Promise<Checked<Session>> {
  if (tree === undefined)
    return { ok: true, value: { workspace: defaultWorkspace(), speed: DEFAULT_SPEED } };
  const hash = shareHashOf(tree);
  if (hash !== undefined)
    return decodeShareHash(hash) ?? { ok: false, error: 'tree: not a share link' };
  if (tree.startsWith('{')) return parseSession(tree, 'tree');
  if (!looksLikeUrl(tree))
    return {
      ok: false,
      error: 'tree: expected a workspace as JSON, a share string (#w2=…) or a URL of a JSON file',
    };
  let url: URL;
  try {
    url = new URL(tree, base);
  } catch {
    return { ok: false, error: `tree: ${tree} is not a URL` };
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), FETCH_TIMEOUT_MS);
  try {
    const res = await fetchFn(url.href, { signal: abort.signal, credentials: 'omit' });
    if (!res.ok) return { ok: false, error: `tree: ${url.href} answered ${res.status}` };
    const text = await res.text();
    if (text.length > MAX_JSON_CHARS)
      return { ok: false, error: `tree: ${url.href} is longer than ${MAX_JSON_CHARS} characters` };
    return parseSession(text, `tree (${url.href})`);
  } catch (e) {
    const why = abort.signal.aborted ? `no answer in ${FETCH_TIMEOUT_MS / 1000} s` : String(e);
    return { ok: false, error: `tree: could not load ${url.href}: ${why}` };
  } finally {
    clearTimeout(timer);
  }
}

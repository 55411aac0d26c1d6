import { describeError, exhaustiveSwitchError } from '../../base';
import { answerOffer, describeSummary, makeOffer, summarize } from '../workspace/linkOffer';
import { looksLikeJson } from '../code/looksLikeJson';
import { parseSession } from '../workspace/parse';
import type { Session } from '../workspace/session';
import type { Checked } from '../workspace/validate';
import { SESSION_FORMAT } from '../session/format';
import type { ActionContext } from './context';
import type { LinkAction } from './types';

/** Bytes of a file Import reads (a workspace is at most 4 MB of JSON; a recorded session more). */
export const MAX_IMPORT_BYTES = 64_000_000;

/** `202501011230`: a time as file names carry it (UTC, to the minute). */
export const stamp = (d: Date): string =>
  d.toISOString().slice(0, 16).replace('T', '-').replace(':', '').replace(/-/g, '');

/** `otp-workspace-20250101-1230.json`. */
export const exportName = (d = new Date()): string => `otp-workspace-${stamp(d)}.json`;

/** A workspace as a file: the session's JSON, indented so a person can read it. */
export const exportText = (session: Session): string =>
  `${JSON.stringify({ workspace: session.workspace, speed: session.speed }, null, 2)}\n`;

/**
 * Workspaces from outside (links, files) and kept ones (backups, quarantine), and safe mode.
 * Nothing here replaces the person's workspace without a backup of it.
 */
export function runLinkAction(ctx: ActionContext, action: LinkAction): void {
  const { get, set, vs, dispatch, toast, vault, download } = ctx;
  const current = (): Session => ({ workspace: get().workspace, speed: vs().speed });
  /** Loads `session`, keeping what it replaces as a backup. */
  const replaceWith = (session: Session, reason: string) => {
    vault?.backup(current(), reason);
    dispatch({ type: 'load_session', session });
  };

  switch (action.type) {
    case 'offer_session': {
      const o = makeOffer(action.session, action.source, { session: current(), saved: true });
      if (o.ask) {
        set({ dialog: { kind: 'open_workspace', offer: o.offer } });
        return;
      }
      if (o.open) replaceWith(action.session, `replaced by a ${action.source}`);
      toast(o.reason);
      return;
    }
    case 'answer_offer': {
      const dialog = get().dialog;
      if (dialog?.kind !== 'open_workspace') return;
      const { offer } = dialog;
      const outcome = answerOffer(offer, action.choice);
      if (!outcome.ok) {
        toast(outcome.error, 'error');
        return;
      }
      set({ dialog: undefined });
      if (outcome.value.kind === 'stay') {
        toast(`kept your workspace; the ${offer.source} was not opened`);
        return;
      }
      const { session, removed } = outcome.value;
      replaceWith(session, `replaced by a ${offer.source}`);
      const left =
        removed.length === 0 ? '' : ` without running code (left out: ${removed.join(', ')})`;
      toast(
        `opened the ${offer.source}${left}: ${describeSummary(summarize(session.workspace))}. ` +
          'Your previous workspace is kept under Recover.',
      );
      return;
    }
    case 'start_nodes': {
      if (!get().safeMode) return;
      set({ safeMode: undefined });
      ctx.leaveSafeMode?.();
      ctx.engine.start(get().workspace, vs().speed);
      toast('started the nodes');
      return;
    }
    case 'export_session':
      void import('../session/sessionActions').then((m) => m.exportSession(ctx, current()));
      return;
    case 'export_workspace': {
      if (!download) {
        toast('export: no file download here', 'error');
        return;
      }
      download(exportName(), exportText(current()));
      toast('exported the workspace as a file');
      return;
    }
    case 'import_text': {
      const offer = (s: Checked<Session>) => {
        if (!s.ok) toast(s.error, 'error');
        else dispatch({ type: 'offer_session', session: s.value, source: 'file' });
      };
      if (looksLikeJson(action.text) && action.text.includes(SESSION_FORMAT)) {
        void import('../session/sessionActions').then((m) =>
          m.importSession(ctx, current(), action.text, action.name),
        );
        return;
      }
      if (looksLikeJson(action.text)) {
        offer(parseSession(action.text, `file ${action.name}`));
        return;
      }
      // A supervisor's source (an .erl init/1, an Elixir application): the code reader loads
      // only then, so it is not in the page's (or an embed's) first JavaScript.
      void import('../code/sessionFromCode').then(
        (m) => offer(m.sessionFromCode(action.text, action.name)),
        (e: unknown) => toast(`file ${action.name}: ${describeError(e)}`, 'error'),
      );
      return;
    }
    case 'restore_kept': {
      const s = vault?.session(action.ring, action.index);
      if (!s?.ok) {
        toast(s?.error ?? 'restore: nothing is kept in this browser', 'error');
        return;
      }
      set({ dialog: undefined });
      replaceWith(s.value, 'replaced by a restore');
      toast(`restored a kept workspace: ${describeSummary(summarize(s.value.workspace))}`);
      return;
    }
    case 'download_kept': {
      const k = vault?.list(action.ring)[action.index];
      if (!k || !download) {
        toast('download: nothing to download', 'error');
        return;
      }
      download(`otp-${action.ring}-${stamp(new Date(k.at))}.json`, k.text);
      return;
    }
    default:
      exhaustiveSwitchError(action);
  }
}

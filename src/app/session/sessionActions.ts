import type { ActionContext } from '../actions/context';
import { stamp } from '../actions/links';
import type { Session } from '../workspace/session';
import type { Recording } from './sessionFile';
import { SESSION_FORMAT, parseSessionFile, recordingOf, sessionFileText } from './sessionFile';

/**
 * Export… → Recorded session, and Import of one (actions/links.ts dispatches here): loaded with
 * them, not with the page.
 */

/** `otp-session-202612031230.json`. */
const fileName = (d: Date): string => `otp-session-${stamp(d)}.json`;

/** The recorded session (history and every node's record) as a file that Import replays. */
export function exportSession(ctx: ActionContext, current: Session): void {
  const { toast, download, vs } = ctx;
  const runs = ctx.engine.recorded?.();
  if (runs === undefined) return toast('export: this page does not record its nodes', 'error');
  if (!download) return toast('export: no file download here', 'error');
  const rec = recordingOf(vs().history(), runs);
  if (!rec.ok) return toast(`export: ${rec.error}`, 'error');
  const { workspace, speed } = current;
  download(
    fileName(new Date()),
    sessionFileText({ format: SESSION_FORMAT, version: 1, workspace, speed, recording: rec.value }),
  );
  toast(
    `exported the recorded session (${rec.value.told.length.toLocaleString('en')} steps); Import opens it where it ended`,
  );
}

/** A session file's text: checked, then opened (the workspace it replaces is kept as a backup). */
export function importSession(
  ctx: ActionContext,
  current: Session,
  text: string,
  name: string,
): void {
  const file = parseSessionFile(text, `file ${name}`);
  if (!file.ok) return ctx.toast(file.error, 'error');
  ctx.vault?.backup(current, 'replaced by a recorded session');
  openRecording(ctx, file.value.session, file.value.recording);
}

/** A recorded session: its workspace, its history on the timeline, its nodes rebuilt where it ended. */
function openRecording(ctx: ActionContext, session: Session, recording: Recording): void {
  const { set, vs, toast } = ctx;
  const open = ctx.engine.openRecording;
  if (open === undefined)
    return toast('import: this page cannot replay a recorded session', 'error');
  set({ workspace: session.workspace, pick: undefined, dialog: undefined, safeMode: undefined });
  ctx.leaveSafeMode?.();
  vs().select(undefined);
  vs().setSpeed(session.speed);
  // Paused where it ended: the person looks first, then plays on.
  vs().setPaused(true);
  toast('opening the recorded session: replaying each node’s record…');
  void open(session.workspace, recording, session.speed).then((outcome) =>
    toast(
      outcome.ok ? outcome.text : `Could not open the recorded session: ${outcome.why}`,
      outcome.ok && outcome.exact ? 'info' : 'error',
    ),
  );
}

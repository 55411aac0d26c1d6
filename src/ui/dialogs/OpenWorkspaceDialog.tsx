import { useDispatch } from '../context';
import { type Offer, describeSummary } from '../../app/workspace/linkOffer';
import { Dialog } from './Dialog';
import { DialogButtons } from './Field';

/** Processes above which the dialog warns that the page may be slow. */
const BIG_TREE = 5_000;

/** Characters of a module shown before "…" (the whole text is in the file or link). */
const SHOWN_SOURCE = 4_000;

/**
 * The consent step for a workspace from a link or a file: what it holds, whether it brings code,
 * what happens to the person's own workspace. Nothing is replaced until a button says so; Escape
 * and the close button mean "stay".
 */
export function OpenWorkspaceDialog({ offer }: { offer: Offer }) {
  const dispatch = useDispatch();
  const stay = () => dispatch({ type: 'answer_offer', choice: 'stay' });
  const what = offer.source === 'link' ? 'link' : 'file';
  const { modules } = offer.summary;
  return (
    <Dialog
      title={offer.source === 'link' ? 'Open a shared workspace?' : 'Open the imported workspace?'}
      onClose={stay}
      testId="open-workspace-dialog"
    >
      <p className="dialog-lead">
        This {what} holds{' '}
        <strong data-testid="offer-summary">{describeSummary(offer.summary)}</strong>.
      </p>
      {offer.summary.processes > BIG_TREE && (
        <p className="offer-code" data-testid="offer-big">
          <strong>A big tree:</strong> {offer.summary.processes.toLocaleString('en')} processes
          start at once, which can make this page slow.
        </p>
      )}
      {offer.hasCode && (
        <div className="offer-code" data-testid="offer-code">
          <p>
            <strong>It contains module code</strong>: JavaScript that runs in this page&apos;s
            workers when the tree starts. Run it only if you trust whoever sent the {what}.
          </p>
          <p className="dim">
            <em>Open without running code</em> opens the tree without the{' '}
            {modules.length === 1
              ? 'module and without the workers that run it'
              : 'modules and without the workers that run them'}
            ; the code is not kept.
          </p>
          {modules.map((m, i) => (
            <details key={m.name}>
              <summary>
                Read module <code>{m.name}</code> ({m.lines} {m.lines === 1 ? 'line' : 'lines'})
              </summary>
              <pre className="offer-source">
                {sourceOf(offer, i).slice(0, SHOWN_SOURCE)}
                {sourceOf(offer, i).length > SHOWN_SOURCE ? '\n…' : ''}
              </pre>
            </details>
          ))}
        </div>
      )}
      <p>
        {offer.current
          ? `Opening it replaces your workspace (${describeSummary(offer.current)}). Yours is kept as a backup: Recover… brings it back.`
          : 'Nothing of yours is replaced.'}
      </p>
      <DialogButtons>
        <button type="button" onClick={stay} data-autofocus>
          {offer.current ? 'Stay with my workspace' : 'Don’t open it'}
        </button>
        {offer.hasCode && (
          <button
            type="button"
            className="primary"
            onClick={() => dispatch({ type: 'answer_offer', choice: 'open_without_code' })}
          >
            Open without running code
          </button>
        )}
        <button
          type="button"
          className={offer.hasCode ? 'danger' : 'primary'}
          onClick={() => dispatch({ type: 'answer_offer', choice: 'open' })}
        >
          {offer.hasCode ? 'Open and run code' : `Open the ${what}`}
        </button>
      </DialogButtons>
    </Dialog>
  );
}

const sourceOf = (offer: Offer, i: number): string =>
  offer.session.workspace.modules[i]?.source ?? '';

import { useMemo, useRef, useState } from 'react';
import { downloadBlob } from '../../app/workspace/pageStorage';
import { sequenceToMermaid } from '../../store/mermaid';
import { sequenceAt } from '../../store/sequence';
import { pathSegment } from '../../store/selectors';
import { treePngBlob, treeSvgText } from '../../viz/exportImage';
import { useDispatch, usePlaygroundContext, useView } from '../context';
import { Dialog } from './Dialog';
import { DialogButtons } from './Field';

/** The tree's `<svg>` in this playground's document or shadow root. */
const treeSvgNear = (node: Node | null): SVGSVGElement | null =>
  ((node?.getRootNode() as ParentNode | undefined) ?? document).querySelector<SVGSVGElement>(
    'svg[data-testid="tree"]',
  );

/**
 * Export…: the workspace (JSON, opens again with Import), the recorded session (JSON, Import
 * replays it), the selected process's sequence up to
 * the playhead as Mermaid text (download, copy, or select it), and the tree as SVG or PNG.
 */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const dispatch = useDispatch();
  const { view } = usePlaygroundContext();
  const selected = useView((s) => s.selected);
  const index = useView((s) => s.playhead.index);
  const ref = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string>();
  const [copied, setCopied] = useState(false);

  const mermaid = useMemo(() => {
    if (selected === undefined) return undefined;
    const s = view.getState();
    const p = s.processes.get(selected);
    const seq = sequenceAt(s.history(), s, selected, index);
    return seq.lanes.length === 0
      ? undefined
      : { name: p ? pathSegment(s, p) : selected, text: sequenceToMermaid(seq) };
  }, [view, selected, index]);

  const picture = async (kind: 'svg' | 'png') => {
    const svg = treeSvgNear(ref.current);
    if (!svg) return setProblem('there is no tree to export');
    try {
      if (kind === 'svg')
        downloadBlob(
          'supervision-tree.svg',
          new Blob([treeSvgText(svg).text], { type: 'image/svg+xml' }),
        );
      else downloadBlob('supervision-tree.png', await treePngBlob(svg));
      setProblem(undefined);
    } catch (e) {
      setProblem(`${kind.toUpperCase()}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <Dialog title="Export" onClose={onClose} testId="export-dialog">
      <div ref={ref} className="export-grid">
        <section aria-labelledby="export-ws">
          <h3 id="export-ws">Workspace</h3>
          <p className="field-hint">The tree, its modules and the speed, as a file Import opens.</p>
          <button
            type="button"
            onClick={() => dispatch({ type: 'export_workspace' })}
            data-autofocus
          >
            Workspace (JSON)
          </button>
        </section>
        <section aria-labelledby="export-session">
          <h3 id="export-session">Recorded session</h3>
          <p className="field-hint">
            Every event since the workspace started and what each node did, as a file Import opens
            and replays: the same history on the timeline, the nodes where they were.
          </p>
          <button type="button" onClick={() => dispatch({ type: 'export_session' })}>
            Recorded session (JSON)
          </button>
        </section>
        <section aria-labelledby="export-tree">
          <h3 id="export-tree">Picture</h3>
          <p className="field-hint">The whole tree as it is drawn now, for slides and docs.</p>
          <div className="actions">
            <button type="button" onClick={() => void picture('svg')}>
              Tree as SVG
            </button>
            <button type="button" onClick={() => void picture('png')}>
              Tree as PNG
            </button>
          </div>
        </section>
        <section aria-labelledby="export-seq">
          <h3 id="export-seq">Sequence (Mermaid)</h3>
          {mermaid === undefined ? (
            <p className="field-hint">
              Select a process first: the sequence is its lifeline and its supervisor&apos;s, up to
              the playhead.
            </p>
          ) : (
            <>
              <label className="field">
                <span>{mermaid.name}: sequenceDiagram</span>
                <textarea
                  className="mono"
                  readOnly
                  rows={6}
                  value={mermaid.text}
                  onFocus={(e) => e.currentTarget.select()}
                  data-testid="export-mermaid"
                />
              </label>
              <div className="actions">
                <button
                  type="button"
                  onClick={() =>
                    downloadBlob(
                      `${mermaid.name.replace(/[^\w.-]+/g, '_')}-sequence.mmd`,
                      new Blob([mermaid.text], { type: 'text/plain' }),
                    )
                  }
                >
                  Download Mermaid
                </button>
                <button
                  type="button"
                  onClick={() =>
                    void navigator.clipboard?.writeText(mermaid.text).then(
                      () => setCopied(true),
                      () => setProblem('the browser refused the clipboard: select the text above'),
                    )
                  }
                >
                  {copied ? 'Copied' : 'Copy Mermaid'}
                </button>
              </div>
            </>
          )}
        </section>
        {problem && (
          <p className="field-message" role="alert">
            {problem}
          </p>
        )}
      </div>
      <DialogButtons>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </DialogButtons>
    </Dialog>
  );
}

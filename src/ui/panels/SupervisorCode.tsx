import { useRef, useState } from 'react';
import type { Flavour } from '../../runtime';
import { supervisorCode } from '../../app/code/supervisorCode';
import type { SupervisorSpecData } from '../../worker/protocol';

/**
 * A supervisor's spec as code, in the workspace's language (Erlang `init/1` returning
 * `{ok, {SupFlags, [ChildSpec]}}`, or Elixir `children = [...]` + `Supervisor.init/2`), with a
 * Copy button. A browser may deny the clipboard (an embed's host, a permission): then the text
 * is selected, so Ctrl+C copies it.
 */
export function SupervisorCode({ flavour, spec }: { flavour: Flavour; spec: SupervisorSpecData }) {
  const pre = useRef<HTMLPreElement>(null);
  const [status, setStatus] = useState('');
  const code = supervisorCode(flavour, spec);
  const selectText = () => {
    const el = pre.current;
    const sel = el?.ownerDocument.getSelection();
    if (!el || !sel) return;
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(el);
    sel.removeAllRanges();
    sel.addRange(range);
    el.focus();
  };
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(code);
      setStatus('Copied');
    } catch {
      selectText();
      setStatus('The clipboard is not available here: the code is selected, press Ctrl+C (⌘C)');
    }
  };
  return (
    <details className="spec-code" open>
      <summary>
        As code ({flavour === 'erlang' ? 'Erlang init/1' : 'Elixir Supervisor.init/2'})
      </summary>
      <pre
        className="term-box"
        // Code keeps its lines (a term box wraps); long ones scroll sideways.
        style={{ whiteSpace: 'pre', overflow: 'auto', maxHeight: '20em' }}
        ref={pre}
        tabIndex={-1}
        data-testid="supervisor-code"
      >
        {code}
      </pre>
      <div className="actions">
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        <span className="dim" role="status">
          {status}
        </span>
      </div>
    </details>
  );
}

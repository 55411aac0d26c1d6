import { useRef } from 'react';
import { describeError } from '../../base';
import { MAX_IMPORT_BYTES } from '../../app/actions/links';
import { useDispatch } from '../context';

/**
 * Import: picks a JSON file and hands its text to the same parse, validator and consent step
 * as a share link (`import_text` → `offer_session`). A supervisor's source (`.erl`, `.ex`) is read
 * as code (`app/code/sessionFromCode.ts`) and offered the same way.
 */
export function ImportButton() {
  const dispatch = useDispatch();
  const input = useRef<HTMLInputElement>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      dispatch({
        type: 'toast',
        text: `file ${file.name}: larger than ${MAX_IMPORT_BYTES / 1_000_000} MB`,
        tone: 'error',
      });
      return;
    }
    try {
      dispatch({ type: 'import_text', text: await file.text(), name: file.name });
    } catch (e) {
      dispatch({ type: 'toast', text: `file ${file.name}: ${describeError(e)}`, tone: 'error' });
    }
  };
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        title="Open a workspace from a JSON file (Export), or a supervisor from its Erlang or Elixir source"
      >
        Import
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json,.erl,.ex,.exs,.txt"
        hidden
        data-testid="import-file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          void onFile(file);
        }}
      />
    </>
  );
}

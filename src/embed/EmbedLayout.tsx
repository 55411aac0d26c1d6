import { useState } from 'react';
import { useDispatch, useUi, useView } from '../ui/context';
import { DialogHost } from '../ui/dialogs/DialogHost';
import { Announcer } from '../ui/panels/Announcer';
import { EventLog } from '../ui/panels/EventLog';
import { Inspector } from '../ui/panels/Inspector';
import { Toasts } from '../ui/panels/Toasts';
import { TreeCanvas } from '../ui/panels/TreeCanvas';
import type { Chrome } from './options';
import { EmbedStrip } from './EmbedStrip';

/**
 * The embed's compact layout (embed.css): the tree fills the box; the inspector is a popover
 * over it while a process is selected; the log an overlay the strip toggles. `chrome="none"`
 * leaves the tree alone (the host drives it through `dispatch`).
 */
export function EmbedLayout({ chrome, reset }: { chrome: Chrome; reset: () => void }) {
  const theme = useUi((s) => s.theme);
  const largeText = useUi((s) => s.largeText);
  const selected = useView((s) => s.selected);
  const dispatch = useDispatch();
  const [logOpen, setLogOpen] = useState(false);

  return (
    <div
      className={`app embed chrome-${chrome} theme-${theme}${largeText ? ' large-text' : ''}`}
      data-testid="embed"
    >
      <TreeCanvas />
      {chrome !== 'none' && selected !== undefined && (
        <div className="embed-popover" data-testid="embed-inspector">
          <button
            type="button"
            className="icon-button embed-popover-close"
            aria-label="Close inspector"
            onClick={() => dispatch({ type: 'select', target: undefined })}
          >
            ×
          </button>
          <Inspector />
        </div>
      )}
      {logOpen && (
        <div className="embed-log-overlay">
          <EventLog />
        </div>
      )}
      {chrome !== 'none' && (
        <EmbedStrip
          chrome={chrome}
          logOpen={logOpen}
          onToggleLog={() => setLogOpen((o) => !o)}
          reset={reset}
        />
      )}
      <DialogHost />
      <Toasts />
      <Announcer />
    </div>
  );
}

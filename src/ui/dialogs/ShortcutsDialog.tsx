import { HELP_LINES } from '../../app/shortcuts';
import { Dialog } from './Dialog';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="shortcuts-dialog">
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {HELP_LINES.map((l) => (
            <tr key={l.label}>
              <td>
                <kbd>{l.label}</kbd>
              </td>
              <td>{l.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="dim">
        Shortcuts act on the selected process. They are off while you type in a field.
      </p>
    </Dialog>
  );
}

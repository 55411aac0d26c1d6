import { asError } from '../base';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { clearCrashed, markCrashed } from '../app/workspace/bootGuard';
import { localStore } from '../app/workspace/pageStorage';
import { STORAGE_KEY, backupSaved } from '../app/workspace/storage';

interface Props {
  children: ReactNode;
}

interface State {
  error: Error | undefined;
}

/**
 * A bug in the page never blanks it: this shows what went wrong and offers
 * to try again or to reset the workspace (when a saved workspace is what
 * breaks the page, a reload alone would break it again).
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error: asError(error) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('playground crashed:', error, info.componentStack);
    // A plain reload now opens in safe mode: a workspace that breaks the page cannot loop.
    const store = localStore();
    if (store) markCrashed(store, `${error.name}: ${error.message}`);
  }

  private tryAgain = () => {
    const store = localStore();
    if (store) clearCrashed(store);
    this.setState({ error: undefined });
  };

  private reloadSafe = () => {
    window.location.assign(`${window.location.pathname}?safe=1`);
  };

  /** The saved workspace goes to the backups first (Recover brings it back), then the default tree. */
  private resetWorkspace = () => {
    const store = localStore();
    if (store) {
      backupSaved(store, 'replaced by Reset after a crash');
      clearCrashed(store);
      try {
        store.removeItem(STORAGE_KEY);
      } catch {
        // Storage disabled: the reload below starts from the default anyway.
      }
    }
    window.location.assign(window.location.pathname);
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="error-page" role="alert" data-testid="error-page">
        <h1>The playground hit a bug</h1>
        <p>
          This is a bug in the page, not in your tree. Your workspace is saved in this browser:
          reloading opens it in safe mode, with nothing started. Reset keeps it as a backup.
        </p>
        <pre>
          {error.name}: {error.message}
        </pre>
        <div className="dialog-buttons">
          <button type="button" onClick={this.tryAgain}>
            Try again
          </button>
          <button type="button" className="primary" onClick={this.reloadSafe}>
            Reload in safe mode
          </button>
          <button type="button" className="danger" onClick={this.resetWorkspace}>
            Reset workspace (keeps a backup)
          </button>
        </div>
      </main>
    );
  }
}

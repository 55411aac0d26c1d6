import { asError } from '../base';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { STORAGE_KEY } from './workspace/storage';

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
  }

  private resetWorkspace = () => {
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage disabled: the reload below starts from the default anyway.
    }
    window.location.hash = '';
    window.location.reload();
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="error-page" role="alert" data-testid="error-page">
        <h1>The playground hit a bug</h1>
        <p>This is a bug in the page, not in your tree. Your workspace is saved in this browser.</p>
        <pre>
          {error.name}: {error.message}
        </pre>
        <div className="dialog-buttons">
          <button type="button" onClick={() => this.setState({ error: undefined })}>
            Try again
          </button>
          <button type="button" onClick={() => window.location.reload()}>
            Reload the page
          </button>
          <button type="button" className="primary danger" onClick={this.resetWorkspace}>
            Reset workspace
          </button>
        </div>
      </main>
    );
  }
}

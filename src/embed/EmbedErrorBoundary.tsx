import { Component, type ErrorInfo, type ReactNode } from 'react';
import { asError } from '../base';

interface Props {
  children: ReactNode;
}

/**
 * A bug inside an embed shows in its box, never blanks it and never touches the host page
 * (the page's own ErrorBoundary reloads the window and writes to localStorage).
 */
export class EmbedErrorBoundary extends Component<Props, { error: Error | undefined }> {
  override state = { error: undefined as Error | undefined };

  static getDerivedStateFromError(error: unknown) {
    return { error: asError(error) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('otp-playground embed crashed:', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="embed-message" role="alert" data-testid="embed-error">
        <strong>The playground hit a bug</strong>
        <pre>
          {error.name}: {error.message}
        </pre>
        <button type="button" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </div>
    );
  }
}

// A throwaway worker that compiles one user module and says how it went, so
// an endless loop in the module's top level can never freeze the page. It
// compiles exactly as a node does, locked down and contained (first import),
// so a module cannot answer for the check (`self` does not exist for it).
import '../../worker/sandbox/install';
import type { UserModule } from '../../worker/protocol';
import { escapedMessage } from '../../worker/sandbox/escaped';
import { compileUserModule } from '../../worker/userModule';

/** The worker's global, typed by hand: the project's lib is DOM, not WebWorker. */
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<UserModule>) => void) | null;
  postMessage(message: unknown): void;
  addEventListener(
    type: 'error' | 'unhandledrejection',
    fn: (e: Event & { error?: unknown; reason?: unknown }) => void,
  ): void;
};

scope.onmessage = (e) => {
  const r = compileUserModule(e.data);
  // After the top level's promise reactions have run: one that fails is reported first.
  setTimeout(() =>
    scope.postMessage(r.ok ? { ok: true } : { ok: false, error: r.error, line: r.line }),
  );
};

// A promise reaction of the module's top level that fails: the check says so (only the first answer counts).
const escaped = (what: string, thrown: unknown): void =>
  scope.postMessage({ ok: false, error: escapedMessage(what, thrown), line: undefined });
scope.addEventListener('error', (e) => {
  e.preventDefault();
  escaped('an exception', e.error);
});
scope.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  escaped('a promise rejection', e.reason);
});

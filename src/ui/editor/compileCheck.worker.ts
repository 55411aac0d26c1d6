// A throwaway worker that compiles one user module and says how it went, so
// an endless loop in the module's top level can never freeze the page.
import type { UserModule } from '../../worker/protocol';
import { compileUserModule } from '../../worker/userModule';

/** The worker's global, typed by hand: the project's lib is DOM, not WebWorker. */
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<UserModule>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (e) => {
  const r = compileUserModule(e.data);
  scope.postMessage(r.ok ? { ok: true } : { ok: false, error: r.error, line: r.line });
};

import type { Instrumented } from './instrument';

/**
 * What compiling a person's module needs from the hardened realm: the
 * instrumenter and a way to evaluate code in a fresh SES Compartment. Only a
 * locked-down worker installs one (`sandbox/install.ts`, imported first by
 * `node.worker.ts` and `compileCheck.worker.ts`); the page never does, so
 * neither SES nor acorn is in the page's bundle, and a module can only run
 * where it is contained.
 */
export interface Sandbox {
  /** Parses the module and counts its work (instrument.ts). */
  instrument(source: string): Instrumented;
  /** Evaluates code in a new Compartment whose only globals are the frozen intrinsics. */
  evaluate(code: string, sourceUrl: string): unknown;
  /** SES `harden`: freezes an object and everything reachable from it. */
  harden<T>(value: T): T;
}

let installed: Sandbox | undefined;

export function setSandbox(s: Sandbox): void {
  installed = s;
}

/** The installed sandbox, or undefined in a realm that was not locked down (the page, plain tests). */
export const getSandbox = (): Sandbox | undefined => installed;
